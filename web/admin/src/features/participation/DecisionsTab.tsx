/**
 * 村务决策 (admin): the list, 登记提议, and each decision's steps in order — 村“两委”讨论, the meeting's vote and the
 * resolution (村民会议 / 村民代表会议: the server checks the two-thirds quorum and the majority of those present, and
 * refuses a 第二十四条 matter without a meeting), then the implementation. The resolution and the implementation each
 * become the village's 公开 obligation (决议公开, 实施结果公开), shown with the disclosures that answered them.
 */
import { useState } from 'react';
import { App, Button, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { DecisionDetail, Vocabulary } from '../../../../../src/modules/participation/participation.schemas.ts';
import { post } from '../../lib/http.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { UnitSelect } from '../../lib/components.tsx';
import { chinaToday } from '../../lib/china-day.ts';
import type { DecisionList, DecisionSummary } from './api.ts';
import { FormDialog } from '../../lib/form-dialog.tsx';
import { demo, titleColumn } from './shared.tsx';

const decisionPath = (id: string) => `/api/v1/participation/decisions/${encodeURIComponent(id)}`;
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const useVocabulary = () => useApi<Vocabulary>(['participation', 'vocabulary'], '/api/v1/participation/vocabulary');

interface Proposal {
  unitCode: string;
  matter: string;
  title: string;
  proposedBy: string;
  proposedOn: Dayjs;
  proposal: string;
}

function ProposeModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Proposal>();
  const vocab = useVocabulary();
  const save = useSave();
  const { message } = App.useApp();
  const submit = async (v: Proposal) => {
    if (await save.run(() => post('/api/v1/participation/decisions', { ...v, proposedOn: day(v.proposedOn) }))) {
      message.success('提议已登记');
      onClose();
    }
  };
  return (
    <FormDialog title="登记村务事项提议" okText="登记" form={form} save={save} onSubmit={submit} onClose={onClose} width={640}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ proposedOn: chinaToday() }}>
        <Form.Item name="unitCode" label="村（社区）" rules={[{ required: true, message: '请选择村（社区）' }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item
          name="matter"
          label="事项类型"
          rules={[{ required: true, message: '请选择事项类型' }]}
          extra="第二十四条所列事项须经村民会议或村民代表会议讨论决定。"
        >
          <Select options={(vocab.data?.decisionMatters ?? []).map((m) => ({ value: m.code, label: m.article24 ? `${m.label}（第二十四条）` : m.label }))} />
        </Form.Item>
        <Form.Item name="title" label="事项名称" rules={[{ required: true, whitespace: true, message: '请填写事项名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="proposedBy" label="提议人" rules={[{ required: true, whitespace: true, message: '请填写提议人' }]}>
            <Input maxLength={200} placeholder="村党组织、村民委员会等" style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="proposedOn" label="提议日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="proposal" label="提议内容" rules={[{ required: true, whitespace: true, message: '请填写提议内容' }]}>
          <Input.TextArea rows={3} maxLength={20000} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

interface StepValues {
  on: Dayjs;
  text: string;
  meetingKind?: string;
  meetingOn?: Dayjs;
  entitled?: number;
  present?: number;
  votesFor?: number;
  votesAgainst?: number;
  votesAbstain?: number;
}

/** The next step of one decision, as a form; the server's refusal (quorum, majority, dates) shows above it. */
function NextStep({ d }: { d: DecisionDetail }) {
  const [form] = Form.useForm<StepValues>();
  const vocab = useVocabulary();
  const save = useSave();
  const { message } = App.useApp();
  const meetingKind = Form.useWatch('meetingKind', form);
  const step = !d.discussedOn ? 'discussion' : !d.resolvedOn ? 'resolution' : !d.implementedOn ? 'implementation' : null;
  if (!step) return <Typography.Paragraph>各环节已记录完毕。</Typography.Paragraph>;
  const submit = async (v: StepValues) => {
    const body =
      step === 'discussion'
        ? { discussedOn: day(v.on), discussion: v.text }
        : step === 'implementation'
          ? { implementedOn: day(v.on), implementation: v.text }
          : {
              resolution: v.text,
              resolvedOn: day(v.on),
              meeting: v.meetingKind
                ? {
                    kind: v.meetingKind,
                    on: day(v.meetingOn ?? v.on),
                    entitled: v.entitled ?? 0,
                    present: v.present ?? 0,
                    votesFor: v.votesFor ?? 0,
                    votesAgainst: v.votesAgainst ?? 0,
                    votesAbstain: v.votesAbstain ?? 0,
                  }
                : null,
            };
    const done = {
      discussion: '讨论已记录',
      resolution: '决议已记录，决议公开已列入本村应公开事项',
      implementation: '实施结果已记录，实施结果公开已列入本村应公开事项',
    }[step];
    if (await save.run(() => post(`${decisionPath(d.id)}/${step}`, body))) {
      message.success(done);
      form.resetFields();
    }
  };
  const label = { discussion: '村“两委”讨论', resolution: '会议表决和决议', implementation: '实施结果' }[step];
  const kinds = vocab.data?.meetingKinds ?? [];
  const entitledLabel = kinds.find((k) => k.code === meetingKind)?.entitledLabel ?? '应到人数';
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      initialValues={{ on: chinaToday(), meetingKind: d.needsMeeting ? 'representatives' : undefined }}
    >
      <Typography.Title level={5}>下一步：{label}</Typography.Title>
      <SaveError save={save} style={{ marginBottom: 12 }} />
      {step === 'resolution' ? (
        <>
          <Form.Item
            name="meetingKind"
            label="会议"
            rules={d.needsMeeting ? [{ required: true, message: '第二十四条事项须经会议决定' }] : []}
            extra={d.needsMeeting ? '本事项属于第二十四条所列事项，须经村民会议或村民代表会议讨论决定。' : '不召开会议的可不选。'}
          >
            <Select allowClear={!d.needsMeeting} options={kinds.map((k) => ({ value: k.code, label: k.label }))} style={{ width: 220 }} />
          </Form.Item>
          {meetingKind ? (
            <Space wrap>
              <Form.Item name="meetingOn" label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="entitled" label={entitledLabel} rules={[{ required: true, message: '请填写' }]}>
                <InputNumber min={0} max={100000} />
              </Form.Item>
              <Form.Item name="present" label="到会人数" rules={[{ required: true, message: '请填写' }]}>
                <InputNumber min={0} max={100000} />
              </Form.Item>
              <Form.Item name="votesFor" label="赞成" rules={[{ required: true, message: '请填写' }]}>
                <InputNumber min={0} max={100000} />
              </Form.Item>
              <Form.Item name="votesAgainst" label="反对" rules={[{ required: true, message: '请填写' }]}>
                <InputNumber min={0} max={100000} />
              </Form.Item>
              <Form.Item name="votesAbstain" label="弃权" rules={[{ required: true, message: '请填写' }]}>
                <InputNumber min={0} max={100000} />
              </Form.Item>
            </Space>
          ) : null}
        </>
      ) : null}
      <Form.Item
        name="on"
        label={{ discussion: '讨论日期', resolution: '决议日期', implementation: '实施完成日期' }[step]}
        rules={[{ required: true, message: '请选择日期' }]}
      >
        <DatePicker />
      </Form.Item>
      <Form.Item
        name="text"
        label={{ discussion: '讨论意见', resolution: '决议内容', implementation: '实施结果' }[step]}
        rules={[{ required: true, whitespace: true, message: '请填写内容' }]}
      >
        <Input.TextArea rows={3} maxLength={20000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.busy}>
        记录{label}
      </Button>
    </Form>
  );
}

function DecisionModal({ id, canEdit, onClose }: { id: string; canEdit: boolean; onClose: () => void }) {
  const q = useApi<DecisionDetail>(['participation', 'decision', id], decisionPath(id));
  return (
    <Modal open title="村务决策" onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} width={760} destroyOnHidden>
      <QueryState query={q} what="村务决策">
        {(d) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {d.title} {demo(d.isDemo)}
            </Typography.Title>
            <Steps
              size="small"
              current={d.implementedOn ? 4 : d.resolvedOn ? 3 : d.discussedOn ? 2 : 1}
              items={[{ title: '提议' }, { title: '两委讨论' }, { title: '表决和决议' }, { title: '实施结果' }]}
            />
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="事项类型">{d.matterText}</Descriptions.Item>
              <Descriptions.Item label="提议">
                {d.proposedOn} {d.proposedBy}：{d.proposal}
              </Descriptions.Item>
              {d.discussedOn ? (
                <Descriptions.Item label="两委讨论">
                  {d.discussedOn}：{d.discussion}
                </Descriptions.Item>
              ) : null}
              {d.meeting ? (
                <Descriptions.Item label="会议">
                  {d.meeting.on} 应到{d.meeting.entitled}人，到会{d.meeting.present}人；赞成{d.meeting.votesFor}、反对{d.meeting.votesAgainst}、弃权
                  {d.meeting.votesAbstain}
                </Descriptions.Item>
              ) : null}
              {d.resolvedOn ? (
                <Descriptions.Item label="决议">
                  {d.resolvedOn}：{d.resolution}
                </Descriptions.Item>
              ) : null}
              {d.implementedOn ? (
                <Descriptions.Item label="实施结果">
                  {d.implementedOn}：{d.implementation}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            {canEdit ? <NextStep key={`${d.discussedOn}-${d.resolvedOn}-${d.implementedOn}`} d={d} /> : null}
          </Space>
        )}
      </QueryState>
    </Modal>
  );
}

export function DecisionsTab({ canEdit }: { canEdit: boolean }) {
  const q = useApi<DecisionList>(['participation', 'decisions'], '/api/v1/participation/decisions');
  const [proposing, setProposing] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableColumnsType<DecisionSummary> = [
    titleColumn<DecisionSummary>('事项'),
    { title: '村（社区）', dataIndex: 'unitName' },
    { title: '提议', dataIndex: 'proposedOn', responsive: ['md'] },
    { title: '决议', dataIndex: 'resolvedOn', render: (v: string | null) => v ?? <Tag>未决议</Tag> },
    { title: '实施结果', dataIndex: 'implementedOn', render: (v: string | null) => v ?? '—', responsive: ['md'] },
    {
      title: '操作',
      render: (_, r) => (
        <Space wrap>
          <Button size="small" onClick={() => setOpen(r.id)}>
            {canEdit && !r.implementedOn ? '办理' : '查看'}
          </Button>
          {r.resolvedOn ? (
            <Button size="small" href={`/participation/decisions/${encodeURIComponent(r.id)}`} target="_blank">
              公开页
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canEdit ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>
          登记提议
        </Button>
      ) : null}
      <QueryState query={q} what="村务决策">
        {(d) => <Table rowKey="id" columns={columns} dataSource={d.items} pagination={{ pageSize: 20 }} locale={{ emptyText: '暂无村务决策记录' }} />}
      </QueryState>
      {proposing ? <ProposeModal onClose={() => setProposing(false)} /> : null}
      {open ? <DecisionModal id={open} canEdit={canEdit} onClose={() => setOpen(null)} /> : null}
    </Space>
  );
}
