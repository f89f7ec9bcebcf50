/**
 * One hearing or meeting (admin), step by step as the server allows them: 发布公告, registrations (online ones come in
 * from the portal; staff enter phone, letter or invited ones), 选定参加人 within the capacity and 公布名单 (the public
 * sees surnames only), 登记出席 from the day on, the record (笔录 / 纪要) with the participants' signed pages, and
 * 公布 with the summary of how the opinions were adopted. The server checks every step and says why it refuses.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TableColumnsType } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { post, upload } from '../../lib/http.ts';
import { navigate } from '../../lib/router.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { PHASE_COLOR, type EventDetail, type EventRegistration } from './api.ts';
import { FormDialog } from '../../lib/form-dialog.tsx';

const base = (id: string) => `/api/v1/participation/events/${encodeURIComponent(id)}`;

interface Registration {
  name: string;
  contact: string;
  affiliation?: string;
  note?: string;
}

function RegisterModal({ e, onClose }: { e: EventDetail; onClose: () => void }) {
  const [form] = Form.useForm<Registration>();
  const save = useSave();
  const { message } = App.useApp();
  const submit = async (v: Registration) => {
    if (await save.run(() => post(`${base(e.id)}/registrations`, { ...v, affiliation: v.affiliation || null, note: v.note || null }))) {
      message.success('已登记报名');
      onClose();
    }
  };
  return (
    <FormDialog title="登记报名" okText="登记" form={form} save={save} onSubmit={submit} onClose={onClose}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contact" label="联系电话（不公开）" rules={[{ required: true, whitespace: true, message: '请填写联系电话' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="affiliation" label="单位或身份（公布在名单上）">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label="拟发表的主要意见（不公开）">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

interface RescheduleValues {
  heldOn: Dayjs;
  heldTime: string;
  registrationUntil?: Dayjs | null;
  materialsSentOn?: Dayjs | null;
  reason: string;
}

/** 改期: a new day (and time), the reason (published with the announcement); the server re-checks the date rules. */
function RescheduleModal({ e, onClose }: { e: EventDetail; onClose: () => void }) {
  const [form] = Form.useForm<RescheduleValues>();
  const save = useSave();
  const { message } = App.useApp();
  const day = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);
  const submit = async (v: RescheduleValues) => {
    const body = {
      heldOn: day(v.heldOn),
      heldTime: v.heldTime,
      reason: v.reason,
      ...(v.registrationUntil ? { registrationUntil: day(v.registrationUntil) } : {}),
      ...(v.materialsSentOn ? { materialsSentOn: day(v.materialsSentOn) } : {}),
    };
    if (await save.run(() => post(`${base(e.id)}/reschedule`, body))) {
      message.success('活动已改期');
      onClose();
    }
  };
  return (
    <FormDialog title="活动改期" okText="改期" form={form} save={save} onSubmit={submit} onClose={onClose}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ heldOn: dayjs(e.heldOn), heldTime: e.heldTime }}>
        <Typography.Paragraph type="secondary">
          {e.kind === 'hearing'
            ? `听证材料须在新日期7日前送达${e.participantsPublished ? '' : `；参加人名单尚未公布，新日期须留出在听证会前公布名单的时间`}。报名和已选定的参加人保留。`
            : '报名人员保留。'}
          改期理由随公告公布；平台不会通知报名人员，请按登记的电话告知他们。
        </Typography.Paragraph>
        <Form.Item name="heldOn" label="新的举行日期" rules={[{ required: true, message: '请选择新的举行日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="heldTime" label="开始时间" rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '请按“09:30”的格式填写' }]}>
          <Input maxLength={5} />
        </Form.Item>
        <Form.Item name="registrationUntil" label={`网上报名截止（现为${e.registrationLastDay}，不改可不填）`}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {e.kind === 'hearing' ? (
          <Form.Item name="materialsSentOn" label={`听证材料重新送达日期（现为${e.materialsSentOn ?? '—'}，不改可不填）`}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label="改期理由（公开）" rules={[{ required: true, whitespace: true, message: '请说明改期的理由' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function Registrations({ e }: { e: EventDetail }) {
  const { message } = App.useApp();
  const [picked, setPicked] = useState<string[]>(() =>
    e.registrations.filter((r) => (e.phase === 'held' ? r.attended : r.status === 'selected')).map((r) => r.id),
  );
  const [total, setTotal] = useState<number | null>(e.attendance);
  const [registering, setRegistering] = useState(false);
  const save = useSave();
  const selecting = e.announced && !e.participantsPublished && e.phase !== 'held';
  const attending = e.phase === 'held';
  const run = (what: string, write: () => Promise<unknown>) => save.run(write).then((ok) => ok && message.success(what));
  const columns: TableColumnsType<EventRegistration> = [
    { title: '姓名', dataIndex: 'name' },
    { title: '联系电话', dataIndex: 'contact' },
    { title: '单位或身份', dataIndex: 'affiliation', render: (v: string | null) => v ?? '—' },
    { title: '来源', dataIndex: 'sourceText', responsive: ['md'] },
    { title: '报名编号', dataIndex: 'trackingCode', responsive: ['lg'] },
    { title: '拟发表意见', dataIndex: 'note', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
    { title: '状态', render: (_, r) => <Tag color={r.status === 'selected' ? 'green' : 'default'}>{r.statusText}</Tag> },
    { title: '出席', render: (_, r) => (e.attendance === null ? '—' : r.attended ? '出席' : '未出席') },
  ];
  return (
    <Card
      size="small"
      title={`报名人员（${e.registrations.length}人）`}
      extra={
        e.announced && !e.participantsPublished && e.phase !== 'held' ? (
          <Button size="small" onClick={() => setRegistering(true)}>
            登记报名
          </Button>
        ) : null
      }
    >
      <SaveError save={save} style={{ marginBottom: 12 }} />
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={e.registrations}
        pagination={false}
        locale={{ emptyText: e.announced ? '暂无报名' : '发布公告后开始报名' }}
        rowSelection={
          selecting || (attending && !e.recordPublished)
            ? {
                selectedRowKeys: picked,
                onChange: (keys) => setPicked(keys.map(String)),
                getCheckboxProps: (r) => ({ disabled: attending && e.kind === 'hearing' && r.status !== 'selected', 'aria-label': `选择${r.name}` }),
              }
            : undefined
        }
      />
      <Space style={{ marginTop: 12 }} wrap>
        {selecting ? (
          <>
            <Button disabled={save.busy} onClick={() => run(`已选定${picked.length}人`, () => post(`${base(e.id)}/selection`, { selectedIds: picked }))}>
              保存选定（{picked.length}
              {e.capacity ? `/${e.capacity}` : ''}人）
            </Button>
            <Button type="primary" disabled={save.busy} onClick={() => run('参加人名单已公布', () => post(`${base(e.id)}/participants/publish`, {}))}>
              公布参加人名单
            </Button>
            {e.latestParticipantListOn ? <Typography.Text type="secondary">最迟{e.latestParticipantListOn}公布</Typography.Text> : null}
          </>
        ) : null}
        {attending && !e.recordPublished ? (
          <>
            <span>出席总人数</span>
            <InputNumber aria-label="出席总人数" min={0} max={100000} value={total} onChange={(v) => setTotal(v)} />
            <Button
              type="primary"
              disabled={save.busy}
              onClick={() => run('出席情况已登记', () => post(`${base(e.id)}/attendance`, { attendedIds: picked, total: total ?? null }))}
            >
              登记出席（勾选的{picked.length}人）
            </Button>
          </>
        ) : null}
      </Space>
      {registering ? <RegisterModal e={e} onClose={() => setRegistering(false)} /> : null}
    </Card>
  );
}

function RecordCard({ e }: { e: EventDetail }) {
  const { message } = App.useApp();
  const [text, setText] = useState(e.recordText ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [feedback, setFeedback] = useState('');
  const save = useSave();
  const hearing = e.kind === 'hearing';
  if (e.recordPublished)
    return (
      <Card size="small" title={hearing ? '听证笔录（已公布）' : '活动记录（已公布）'}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{e.recordText}</Typography.Paragraph>
        {e.hasSignedScan ? (
          <Button size="small" href={`${base(e.id)}/record-scan`}>
            下载签字页扫描件
          </Button>
        ) : null}
        <Typography.Title level={5}>意见汇总和采纳情况</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{e.feedback}</Typography.Paragraph>
      </Card>
    );
  if (e.attendance === null) return null;
  const saveRecord = async () => {
    const form = new FormData();
    form.append('text', text);
    if (file) form.append('file', file);
    if (await save.run(() => upload(`${base(e.id)}/record`, form))) {
      setFile(null);
      message.success('记录已保存');
    }
  };
  return (
    <Card size="small" title={hearing ? '听证笔录' : '活动记录'}>
      <SaveError save={save} style={{ marginBottom: 12 }} />
      <Input.TextArea
        aria-label="记录内容"
        rows={6}
        maxLength={100000}
        value={text}
        onChange={(x) => setText(x.target.value)}
        placeholder="陈述、询问和回应的主要内容"
      />
      <Space style={{ marginTop: 8 }} wrap>
        <Upload
          accept=".pdf,.png,.jpg,.jpeg"
          maxCount={1}
          beforeUpload={(f) => (setFile(f), false)}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: '1', name: file.name }] : []}
        >
          <Button icon={<UploadOutlined />}>{e.hasSignedScan ? '更换签字页扫描件' : '选择签字页扫描件'}</Button>
        </Upload>
        {e.hasSignedScan ? (
          <Button size="small" href={`${base(e.id)}/record-scan`}>
            下载已上传的签字页
          </Button>
        ) : null}
        <Button type="primary" disabled={save.busy || !text.trim()} onClick={saveRecord}>
          保存记录
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {hearing ? '听证笔录须经参加人确认签字：请上传签字页（PDF、PNG 或 JPEG）。签字页只存档，不公开。' : '签字页可不上传。'}
      </Typography.Paragraph>
      {e.recordText !== null ? (
        <>
          <Typography.Title level={5}>意见汇总和采纳情况（随记录公布，公布后不能更改）</Typography.Title>
          <Input.TextArea aria-label="意见汇总和采纳情况" rows={4} maxLength={20000} value={feedback} onChange={(x) => setFeedback(x.target.value)} />
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            disabled={save.busy || !feedback.trim()}
            onClick={() => save.run(() => post(`${base(e.id)}/record/publish`, { feedback })).then((ok) => ok && message.success('记录和采纳情况已公布'))}
          >
            公布记录和采纳情况
          </Button>
        </>
      ) : null}
    </Card>
  );
}

export function EventDetailPage({ id }: { id: string }) {
  const q = useApi<EventDetail>(['participation', 'event', id], base(id));
  const save = useSave({ toast: true });
  const { message } = App.useApp();
  const [moving, setMoving] = useState(false);
  return (
    <QueryState query={q} what="活动">
      {(e) => (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Card
            title={
              <span>
                {e.kindText}：{e.title} {e.isDemo ? <Tag color="gold">演示</Tag> : null}
              </span>
            }
            extra={
              <Space>
                <Button onClick={() => navigate('/participation')}>返回</Button>
                {e.attendance === null && !e.recordPublished ? <Button onClick={() => setMoving(true)}>改期</Button> : null}
                {e.announced ? (
                  <Button href={`/participation/events/${encodeURIComponent(e.id)}`} target="_blank">
                    公开页
                  </Button>
                ) : (
                  <Button
                    type="primary"
                    loading={save.busy}
                    onClick={() => save.run(() => post(`${base(e.id)}/announce`, {})).then((ok) => ok && message.success('公告已发布'))}
                  >
                    发布公告
                  </Button>
                )}
              </Space>
            }
          >
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label="进度">
                <Tag color={PHASE_COLOR[e.phase]}>{e.phaseText}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="单位">{e.unitName}</Descriptions.Item>
              <Descriptions.Item label="时间">
                {e.heldOn} {e.heldTime}
              </Descriptions.Item>
              <Descriptions.Item label="地点">{e.place}</Descriptions.Item>
              <Descriptions.Item label="名额">{e.capacity ?? '不限'}</Descriptions.Item>
              <Descriptions.Item label="网上报名截止">{e.registrationLastDay}</Descriptions.Item>
              {e.kind === 'hearing' ? (
                <>
                  <Descriptions.Item label="材料送达">
                    {e.materialsSentOn}（最迟{e.latestMaterialsOn}）
                  </Descriptions.Item>
                  <Descriptions.Item label="遴选方式">{e.selectionMethod}</Descriptions.Item>
                </>
              ) : null}
              {e.attendance !== null ? <Descriptions.Item label="出席">{e.attendance}人</Descriptions.Item> : null}
              {e.rescheduledFrom ? (
                <Descriptions.Item label="改期">
                  原定{e.rescheduledFrom}；理由：{e.rescheduleReason}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{e.description}</Typography.Paragraph>
          </Card>
          <Registrations key={`${e.phase}-${e.registrations.length}`} e={e} />
          <RecordCard key={`r-${e.phase}`} e={e} />
          {moving ? <RescheduleModal e={e} onClose={() => setMoving(false)} /> : null}
        </Space>
      )}
    </QueryState>
  );
}
