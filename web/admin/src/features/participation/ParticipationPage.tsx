/**
 * 公众参与 (admin): consultations on drafts (create, publish; the period opens and closes by date), surveys
 * (publish, results) and village decisions, each list limited by the server to the user's units. A consultation's
 * own page (ConsultationDetailPage) moderates comments and writes the feedback report.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { post } from '../../lib/http.ts';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { UnitSelect } from '../../lib/components.tsx';
import { ItemCatalogTab } from './ItemCatalogTab.tsx';
import { EventsTab } from './EventsTab.tsx';
import { SurveysTab } from './SurveysTab.tsx';
import { DecisionsTab } from './DecisionsTab.tsx';
import { EDITORS, MODERATORS, STATUS_COLOR, type ConsultationDetail, type ConsultationList, type ConsultationSummary } from './api.ts';
import { FormDialog } from '../../lib/form-dialog.tsx';
import { useSave } from '../../lib/save.tsx';
import { demo } from './shared.tsx';

interface NewConsultation {
  unitCode: string;
  title: string;
  period: [Dayjs, Dayjs];
  urgencyReason?: string;
  draftText: string;
  explanation: string;
  howToComment: string;
}

function NewConsultationModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<NewConsultation>();
  const save = useSave();
  const submit = async (v: NewConsultation) => {
    let id = '';
    const saved = await save.run(async () => {
      id = (
        await post<ConsultationDetail>('/api/v1/participation/consultations', {
          unitCode: v.unitCode,
          title: v.title,
          startOn: v.period[0].format('YYYY-MM-DD'),
          endOn: v.period[1].format('YYYY-MM-DD'),
          urgencyReason: v.urgencyReason?.trim() || null,
          draftText: v.draftText,
          explanation: v.explanation,
          howToComment: v.howToComment,
        })
      ).id;
    });
    if (!saved) return;
    message.success('已保存为草稿，核对分条后即可发布');
    onClose();
    navigate(`/participation/consultations/${encodeURIComponent(id)}`);
  };
  return (
    <FormDialog title="新建征求意见" okText="保存草稿" form={form} save={save} onSubmit={submit} onClose={onClose} width={720}>
      <Form form={form} layout="vertical" initialValues={{ howToComment: '请在本页网上提出意见，或寄信至本单位办公室。' }}>
        <Form.Item name="unitCode" label="起草单位" rules={[{ required: true, message: '请选择单位' }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={200} placeholder="关于《××办法（征求意见稿）》公开征求意见的公告" />
        </Form.Item>
        <Form.Item
          name="period"
          label="征求意见时间"
          rules={[{ required: true, message: '请选择开始和截止日期' }]}
          extra="一般不少于30日；少于30日须说明理由，理由随草案公布。"
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="urgencyReason" label="期限少于30日的理由（紧急情况时填写）">
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="draftText"
          label="草案全文"
          rules={[{ required: true, whitespace: true, message: '请粘贴草案全文' }]}
          extra="按“第一条”“第二条”自动分条，群众可逐条提出意见。"
        >
          <Input.TextArea rows={8} maxLength={200000} />
        </Form.Item>
        <Form.Item name="explanation" label="起草说明" rules={[{ required: true, whitespace: true, message: '请填写起草说明' }]}>
          <Input.TextArea rows={3} maxLength={20000} />
        </Form.Item>
        <Form.Item name="howToComment" label="提出意见的方式" rules={[{ required: true, whitespace: true, message: '请填写提出意见的方式' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function ConsultationsTab({ canCreate }: { canCreate: boolean }) {
  const q = useApi<ConsultationList>(['participation', 'consultations'], '/api/v1/participation/consultations');
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<ConsultationSummary> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (t: string, r) => (
        <a
          href={`/admin/participation/consultations/${encodeURIComponent(r.id)}`}
          onClick={(e) => (e.preventDefault(), navigate(`/participation/consultations/${encodeURIComponent(r.id)}`))}
        >
          {t} {demo(r.isDemo)}
        </a>
      ),
    },
    { title: '单位', dataIndex: 'unitName', responsive: ['md'] },
    { title: '征求意见时间', render: (_, r) => `${r.startOn} 至 ${r.endOn}`, responsive: ['md'] },
    { title: '状态', dataIndex: 'statusText', render: (t: string, r) => <Tag color={STATUS_COLOR[r.status]}>{t}</Tag> },
    { title: '待审核意见', render: (_, r) => (r.comments.pending ? <Tag color="red">{r.comments.pending}条</Tag> : '—') },
    { title: '已公布', render: (_, r) => r.comments.published, responsive: ['lg'] },
    {
      title: '采纳情况应公布',
      render: (_, r) =>
        r.feedbackDueOn ? (
          <Typography.Text type={r.feedbackOverdue ? 'danger' : undefined}>
            {r.feedbackDueOn}
            {r.feedbackOverdue ? '（已逾期）' : ''}
          </Typography.Text>
        ) : (
          '—'
        ),
      responsive: ['lg'],
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canCreate ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建征求意见
        </Button>
      ) : null}
      <QueryState query={q} what="征求意见">
        {(d) => <Table rowKey="id" columns={columns} dataSource={d.items} pagination={{ pageSize: 20 }} locale={{ emptyText: '暂无征求意见' }} />}
      </QueryState>
      {creating ? <NewConsultationModal onClose={() => setCreating(false)} /> : null}
    </Space>
  );
}

export function ParticipationPage() {
  const { user } = useSession();
  const roles = user.roles.map((r) => r.role);
  const has = (list: readonly string[]) => roles.some((r) => list.includes(r));
  return (
    <Card title="公众参与">
      <Tabs
        items={[
          { key: 'c', label: '征求意见', children: <ConsultationsTab canCreate={has(MODERATORS)} /> },
          { key: 'i', label: '事项目录', children: <ItemCatalogTab canEdit={has(MODERATORS)} /> },
          { key: 'e', label: '听证会和座谈会', children: <EventsTab canCreate={has(MODERATORS)} /> },
          { key: 's', label: '问卷调查', children: <SurveysTab canEdit={has(EDITORS)} canSchedule={has(['county_admin'])} /> },
          { key: 'd', label: '村务决策', children: <DecisionsTab canEdit={has(EDITORS)} /> },
        ]}
      />
    </Card>
  );
}
