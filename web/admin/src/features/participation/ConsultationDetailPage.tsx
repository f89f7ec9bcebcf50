/**
 * One consultation (admin): the draft by clause, 发布, comments waiting for moderation (发布 after the personal-data
 * check masks what it finds, or 不予发布 with a reason), comments received offline (座谈会, 信函…), and after the
 * close the feedback report per clause with the final decision. The server checks every step.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { post, put } from '../../lib/http.ts';
import { SaveError, useSave } from '../../lib/save.tsx';
import { navigate } from '../../lib/router.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { ADOPTIONS, STAFF_CHANNELS, STATUS_COLOR, type ConsultationDetail, type ModerationResult, type StaffComment } from './api.ts';
import { checkedValues } from '../../lib/form-dialog.tsx';

const base = (id: string) => `/api/v1/participation/consultations/${encodeURIComponent(id)}`;

function clauseLabel(c: ConsultationDetail, seq: number | null): string {
  if (seq === null) return '对草案整体';
  return c.clauses.find((x) => x.seq === seq)?.label ?? `第${seq}条`;
}

function Moderation({ c }: { c: ConsultationDetail }) {
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState<StaffComment | null>(null);
  const [reason, setReason] = useState('');
  const save = useSave({ toast: true });
  const moderate = async (id: string, action: 'publish' | 'reject', why?: string) => {
    let masked = 0;
    const done = await save.run(async () => {
      masked = (await post<ModerationResult>(`/api/v1/participation/comments/${encodeURIComponent(id)}/moderate`, { action, reason: why ?? null })).masked;
    });
    if (!done) return;
    message.success(action === 'publish' ? (masked ? `已发布，遮盖个人信息${masked}处` : '已发布') : '已设为不予发布');
    setRejecting(null);
    setReason('');
  };
  const pending = c.commentList.filter((m) => m.status === 'pending');
  const done = c.commentList.filter((m) => m.status !== 'pending');
  return (
    <Card title={`意见（待审核${pending.length}条）`} size="small">
      <List
        dataSource={[...pending, ...done]}
        locale={{ emptyText: '暂无意见' }}
        renderItem={(m) => (
          <List.Item
            actions={
              m.status === 'pending'
                ? [
                    <Button key="p" type="primary" size="small" onClick={() => moderate(m.id, 'publish')}>
                      发布
                    </Button>,
                    <Button key="r" danger size="small" onClick={() => setRejecting(m)}>
                      不予发布
                    </Button>,
                  ]
                : [
                    <Tag key="s" color={m.status === 'published' ? 'green' : 'default'}>
                      {m.status === 'published' ? '已发布' : `不予发布：${m.moderationReason ?? ''}`}
                    </Tag>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag>{clauseLabel(c, m.clauseSeq)}</Tag>
                  <span>{m.channelText}</span>
                  <span>{m.receivedOn}</span>
                  {m.peopleCount > 1 ? <span>{m.peopleCount}人</span> : null}
                  {m.personalData.length ? <Tag color="red">含个人信息：{m.personalData.map((p) => p.label).join('、')}（发布时遮盖）</Tag> : null}
                </Space>
              }
              description={
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {m.status === 'published' ? (m.publicBody ?? m.body) : m.body}
                </Typography.Paragraph>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={rejecting !== null}
        title="不予发布"
        okText="确定"
        onCancel={() => setRejecting(null)}
        okButtonProps={{ disabled: !reason.trim() }}
        onOk={() => rejecting && moderate(rejecting.id, 'reject', reason.trim())}
      >
        <Typography.Paragraph>请写明不予发布的理由（记录在案，可凭查询码查看）。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="如：与草案内容无关" />
      </Modal>
    </Card>
  );
}

function StaffCommentForm({ c }: { c: ConsultationDetail }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ clauseSeq: number | 'whole'; channel: string; receivedOn: Dayjs; peopleCount: number; body: string; source?: string }>();
  const save = useSave();
  const submit = async () => {
    const v = await checkedValues(form);
    if (!v) return;
    const body = {
      clauseSeq: v.clauseSeq === 'whole' ? null : v.clauseSeq,
      channel: v.channel,
      receivedOn: v.receivedOn.format('YYYY-MM-DD'),
      peopleCount: v.peopleCount,
      body: v.body,
      source: v.source?.trim() || null,
    };
    if (await save.run(() => post(`${base(c.id)}/comments`, body))) {
      message.success('已录入，审核后公布');
      form.resetFields(['body', 'source']);
    }
  };
  return (
    <Card title="录入线下收到的意见" size="small">
      <Form form={form} layout="vertical" initialValues={{ clauseSeq: 'whole', channel: 'symposium', peopleCount: 1, receivedOn: dayjs() }}>
        <SaveError save={save} style={{ marginBottom: 12 }} />
        <Space wrap>
          <Form.Item name="clauseSeq" label="针对">
            <Select
              style={{ minWidth: 140 }}
              options={[{ value: 'whole', label: '对草案整体' }, ...c.clauses.filter((x) => x.seq > 0).map((x) => ({ value: x.seq, label: x.label }))]}
            />
          </Form.Item>
          <Form.Item name="channel" label="来源">
            <Select style={{ minWidth: 120 }} options={STAFF_CHANNELS} />
          </Form.Item>
          <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="peopleCount" label="人数" rules={[{ required: true, message: '请填写人数' }]}>
            <InputNumber min={1} max={100000} />
          </Form.Item>
        </Space>
        <Form.Item name="body" label="意见内容" rules={[{ required: true, whitespace: true, message: '请填写意见内容' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="source" label="来源说明（不公开）">
          <Input maxLength={200} placeholder="如：张家圩社区座谈会" />
        </Form.Item>
        <Button onClick={submit}>录入</Button>
      </Form>
    </Card>
  );
}

function Feedback({ c }: { c: ConsultationDetail }) {
  const { message } = App.useApp();
  const keys = [...new Set(c.commentList.filter((m) => m.status === 'published').map((m) => (m.clauseSeq === null ? 'whole' : String(m.clauseSeq))))];
  const saved = new Map(c.feedback.map((f) => [f.clauseKey, f]));
  const [summary, setSummary] = useState(c.feedbackSummary ?? '');
  const [rows, setRows] = useState<Record<string, { adoption: string; reason: string }>>(() =>
    Object.fromEntries(keys.map((k) => [k, { adoption: saved.get(k)?.adoption ?? 'adopted', reason: saved.get(k)?.reason ?? '' }])),
  );
  const [decision, setDecision] = useState({
    title: c.decision?.title ?? '',
    text: c.decision?.text ?? '',
    on: c.decision?.on ?? dayjs().format('YYYY-MM-DD'),
  });
  const save = useSave();
  const published = c.feedbackPublishedAt !== null;
  // One group per clause with published comments, also those published after this card opened.
  const store = () =>
    put(`${base(c.id)}/feedback`, {
      summary,
      groups: keys.map((clauseKey) => ({ clauseKey, adoption: rows[clauseKey]?.adoption ?? 'adopted', reason: rows[clauseKey]?.reason ?? '' })),
    });
  const saveDraft = async () => {
    if (await save.run(store)) message.success('采纳情况已保存');
  };
  const publish = async () => {
    const done = await save.run(async () => {
      await store();
      await post(`${base(c.id)}/feedback/publish`, { decisionTitle: decision.title, decisionText: decision.text, decisionOn: decision.on });
    });
    if (done) message.success('采纳情况和最终决定已公布');
  };
  return (
    <Card title="意见采纳情况（反馈报告）" size="small">
      <SaveError save={save} style={{ marginBottom: 12 }} />
      {published ? <Alert type="success" showIcon message={`已于${c.feedbackPublishedAt?.slice(0, 10)}公布`} style={{ marginBottom: 12 }} /> : null}
      <Form layout="vertical" disabled={published}>
        <Form.Item label="总体说明">
          <Input.TextArea rows={3} maxLength={5000} value={summary} onChange={(e) => setSummary(e.target.value)} placeholder="共收到意见×条，采纳×条……" />
        </Form.Item>
        {keys.map((k) => (
          <Form.Item key={k} label={clauseLabel(c, k === 'whole' ? null : Number(k))}>
            <Space.Compact style={{ width: '100%' }}>
              <Select
                style={{ width: 130 }}
                value={rows[k]?.adoption}
                options={ADOPTIONS}
                onChange={(adoption) => setRows({ ...rows, [k]: { reason: rows[k]?.reason ?? '', adoption } })}
              />
              <Input
                maxLength={2000}
                value={rows[k]?.reason}
                placeholder="理由"
                onChange={(e) => setRows({ ...rows, [k]: { adoption: rows[k]?.adoption ?? 'adopted', reason: e.target.value } })}
              />
            </Space.Compact>
          </Form.Item>
        ))}
        <Form.Item label="最终决定的名称">
          <Input maxLength={200} value={decision.title} onChange={(e) => setDecision({ ...decision, title: e.target.value })} />
        </Form.Item>
        <Form.Item label="最终决定说明">
          <Input.TextArea rows={2} maxLength={20000} value={decision.text} onChange={(e) => setDecision({ ...decision, text: e.target.value })} />
        </Form.Item>
        <Form.Item label="决定日期">
          <DatePicker value={dayjs(decision.on)} onChange={(d) => d && setDecision({ ...decision, on: d.format('YYYY-MM-DD') })} />
        </Form.Item>
        <Space>
          <Button onClick={() => void saveDraft()} loading={save.busy}>
            保存
          </Button>
          <Popconfirm title="公布后不能修改，确定公布？" onConfirm={publish}>
            <Button type="primary">公布采纳情况和最终决定</Button>
          </Popconfirm>
        </Space>
      </Form>
    </Card>
  );
}

export function ConsultationDetailPage({ id }: { id: string }) {
  const { message } = App.useApp();
  const q = useApi<ConsultationDetail>(['participation', 'consultation', id], base(id));
  const save = useSave({ toast: true });
  const publish = async () => {
    if (await save.run(() => post(`${base(id)}/publish`))) message.success('已发布，到开始日期自动开放网上提意见');
  };
  return (
    <QueryState query={q} what="征求意见">
      {(c) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Card
            title={
              <Space wrap>
                <Button type="link" onClick={() => navigate('/participation')}>
                  ← 公众参与
                </Button>
                {c.title}
                {c.isDemo ? <Tag color="gold">演示</Tag> : null}
              </Space>
            }
            extra={
              c.published ? (
                <Button href={`/participation/consultations/${encodeURIComponent(c.id)}`} target="_blank">
                  公开页
                </Button>
              ) : (
                <Popconfirm title="发布后草案不能再修改，确定发布？" onConfirm={publish}>
                  <Button type="primary">发布</Button>
                </Popconfirm>
              )
            }
          >
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label="单位">{c.unitName}</Descriptions.Item>
              <Descriptions.Item label="状态">
                <Tag color={STATUS_COLOR[c.status]}>{c.statusText}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="征求意见时间">
                {c.startOn} 至 {c.endOn}
              </Descriptions.Item>
              <Descriptions.Item label="采纳情况应公布">
                {c.feedbackDueOn ? <Typography.Text type={c.feedbackOverdue ? 'danger' : undefined}>{c.feedbackDueOn}</Typography.Text> : '截止后计算'}
              </Descriptions.Item>
              {c.urgencyReason ? <Descriptions.Item label="期限少于30日的理由">{c.urgencyReason}</Descriptions.Item> : null}
            </Descriptions>
            <Typography.Title level={5}>草案分条（{c.clauses.filter((x) => x.seq > 0).length}条）</Typography.Title>
            <List
              size="small"
              dataSource={c.clauses}
              renderItem={(x) => (
                <List.Item>
                  <Typography.Text>
                    {x.heading ? <Typography.Text type="secondary">{x.heading} · </Typography.Text> : null}
                    <strong>{x.label}</strong> {x.paragraphs.join(' ')}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </Card>
          {c.published ? <Moderation c={c} /> : null}
          {c.status === 'open' ? <StaffCommentForm c={c} /> : null}
          {c.status === 'closed' || c.status === 'answered' ? <Feedback key={c.feedbackPublishedAt ?? 'draft'} c={c} /> : null}
        </Space>
      )}
    </QueryState>
  );
}
