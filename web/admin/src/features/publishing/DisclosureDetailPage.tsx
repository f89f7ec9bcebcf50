import { useEffect, useState } from 'react';
import { chinaToday } from '../../lib/china-day.ts';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Result,
  Space,
  Steps,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { CameraOutlined, CheckOutlined, EditOutlined, PrinterOutlined, RollbackOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, formatTime, post, upload } from '../../lib/http.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.ts';
import {
  BodyView,
  CONTRIBUTION_TEXT,
  PiiPanel,
  usePiiScan,
  StatusTag,
  abilities,
  featureError,
  htmlToText,
  maskedPreview,
  ownContribution,
  periodText,
  textToHtml,
  type Correction,
  type Detail,
  type StaffView,
} from './shared.tsx';
import type { UnitCatalog } from '../catalog/shared.tsx';

/** The main path of the record as antd Steps, from the history. */
function WorkflowSteps({ s }: { s: StaffView }) {
  const village = s.catalog === 'village';
  const last = (pred: (a: string) => boolean) => [...s.steps].reverse().find((x) => pred(x.action));
  const who = (x: { actorName: string | null; at: string } | undefined) => (x ? `${x.actorName ?? ''} ${formatTime(x.at)}` : undefined);
  const created = s.steps[0];
  const submitted = last((a) => a === 'submit');
  const approvals = s.steps.filter((x) => x.action === 'approve');
  const rejected = last((a) => a === 'reject');
  const published = last((a) => a === 'publish' || a === 'finalize' || a === 'scheduled_publish');
  const townStep = approvals.find((x) => x.fromStatus === 'committee_approved') || s.status === 'committee_approved';
  const items = [
    { title: '起草', description: who(created) },
    { title: '提交审核', description: who(submitted) },
    {
      title: village ? '村务监督委员会审核' : '保密审查',
      description: approvals[0] ? `${who(approvals[0])}${approvals[0].comment ? `：${approvals[0].comment}` : ''}` : undefined,
    },
    ...(townStep ? [{ title: '乡镇（街道）审核', description: who(approvals.find((x) => x.fromStatus === 'committee_approved')) }] : []),
    {
      title: s.status === 'scheduled' ? '定时发布' : '发布',
      description: s.status === 'scheduled' ? `将于 ${formatTime(s.scheduledAt)} 发布` : who(published),
    },
    ...(s.status === 'withdrawn' ? [{ title: '已撤回', description: who(last((a) => a === 'withdraw')) }] : []),
  ];
  const idx: Record<string, number> = {
    draft: 0,
    returned: 0,
    submitted: 2,
    committee_approved: 3,
    approved: townStep ? 4 : 3,
    scheduled: townStep ? 4 : 3,
    published: items.length - 1,
    withdrawn: items.length - 1,
  };
  const current = idx[s.status] ?? 0;
  return (
    <Steps
      current={current}
      status={s.status === 'returned' ? 'error' : s.status === 'published' || s.status === 'withdrawn' ? 'finish' : 'process'}
      items={items.map((it, i) =>
        s.status === 'returned' && i === 0
          ? { ...it, title: '退回修改', description: rejected ? `${who(rejected)}：${rejected.comment ?? ''}` : it.description }
          : it,
      )}
      size="small"
    />
  );
}

function ReviewPanel({ s }: { s: StaffView }) {
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const save = useSave();
  const village = s.catalog === 'village' && s.status === 'submitted';
  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && !comment.trim()) return save.fail('退回时请写明需要修改的地方');
    setDeciding(decision);
    const body = { decision, comment: comment.trim() || (decision === 'approve' && village ? '同意公开' : undefined) };
    if (await save.run(() => post(`/api/v1/disclosures/${s.id}/review`, body))) message.success(decision === 'approve' ? '已同意公开' : '已退回经办人修改');
  };
  return (
    <Card title={village ? '村务监督委员会审核' : s.catalog === 'village' ? '乡镇（街道）审核' : '保密审查'} styles={{ header: { background: '#fff7e6' } }}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text>请核对内容是否真实、完整，个人信息是否已遮盖。</Typography.Text>
        <Input.TextArea
          aria-label="审核意见"
          rows={3}
          value={comment}
          maxLength={1000}
          onChange={(e) => setComment(e.target.value)}
          placeholder="审核意见（同意时可不填；退回时必须写明要修改的地方）"
        />
        <SaveError save={save} />
        <Space wrap>
          <Button type="primary" size="large" icon={<CheckOutlined />} loading={save.busy && deciding === 'approve'} onClick={() => void decide('approve')}>
            {village ? '村务监督委员会审核：同意公开' : '同意公开'}
          </Button>
          <Button danger size="large" icon={<RollbackOutlined />} loading={save.busy && deciding === 'reject'} onClick={() => void decide('reject')}>
            退回修改
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

function PublishPanel({ s, ruleText }: { s: StaffView; ruleText: string | null }) {
  const { message } = App.useApp();
  const [mode, setMode] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState<Dayjs | null>(null);
  const [end, setEnd] = useState<Dayjs | null>(null);
  const save = useSave();
  const publish = async () => {
    if (mode === 'later' && !at) return save.fail('请选择发布时间');
    const body = { at: mode === 'later' && at ? at.toISOString() : undefined, displayEnd: end ? end.format('YYYY-MM-DD') : undefined };
    if (await save.run(() => post(`/api/v1/disclosures/${s.id}/publish`, body))) message.success(mode === 'now' ? '已发布' : '已定时，到时间自动发布');
  };
  return (
    <Card title="发布" styles={{ header: { background: '#f6ffed' } }}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Radio.Group
          value={mode}
          onChange={(e) => setMode(e.target.value as 'now' | 'later')}
          optionType="button"
          buttonStyle="solid"
          size="large"
          options={[
            { value: 'now', label: '立即发布' },
            { value: 'later', label: '定时发布' },
          ]}
        />
        {mode === 'later' && (
          <Space wrap>
            <span>发布时间：</span>
            <DatePicker
              aria-label="发布时间"
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={at}
              onChange={setAt}
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            />
          </Space>
        )}
        <Space wrap>
          <span>计划公示截止日期（可不填）：</span>
          <DatePicker aria-label="计划公示截止日期" value={end} onChange={setEnd} disabledDate={(d) => d.isBefore(chinaToday(), 'day')} />
        </Space>
        <Typography.Text type="secondary">
          {ruleText ? `目录要求：${ruleText}。最短公示期在发布时按工作日历计算，截止日期不能早于它。` : '该事项没有公示期要求，发布后一直公开。'}
        </Typography.Text>
        <SaveError save={save} />
        <Button type="primary" size="large" icon={<SendOutlined />} loading={save.busy} onClick={() => void publish()}>
          {mode === 'now' ? '立即发布' : '确定定时发布'}
        </Button>
      </Space>
    </Card>
  );
}

/** A pending 更正: shown to everyone on the record; reviewer-level users who did not write it approve or return it. */
function CorrectionReview({ s, c, canSenior, userId }: { s: StaffView; c: Correction; canSenior: boolean; userId: string }) {
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const save = useSave();
  const mine = ownContribution(s, userId);
  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && !comment.trim()) return save.fail('退回更正时请写明理由');
    setDeciding(decision);
    const body = { decision, comment: comment.trim() || undefined };
    if (await save.run(() => post(`/api/v1/disclosures/${s.id}/corrections/${c.id}/review`, body)))
      message.success(decision === 'approve' ? '更正已生效，公开页面显示“已更正”和理由' : '已退回这项更正');
  };
  return (
    <Card title={`待审核的更正（第 ${c.version} 版）`} styles={{ header: { background: '#fff7e6' } }}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text>
          {c.proposedByName ?? ''} {formatTime(c.proposedAt)} 提出，更正理由（公开）：{c.reason}
        </Typography.Text>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {c.title}
        </Typography.Title>
        <BodyView html={c.bodyHtml} />
        {mine ? (
          <Alert type="info" showIcon title={`您${mine}过这项更正，须由其他审核人员（村务监督委员会成员、单位审核人或县级管理员）审核。`} />
        ) : canSenior ? (
          <>
            <Input.TextArea
              aria-label="更正审核意见"
              rows={2}
              value={comment}
              maxLength={1000}
              onChange={(e) => setComment(e.target.value)}
              placeholder="审核意见（同意时可不填；退回时必须写明理由）"
            />
            <SaveError save={save} />
            <Space wrap>
              <Button type="primary" size="large" icon={<CheckOutlined />} loading={save.busy && deciding === 'approve'} onClick={() => void decide('approve')}>
                同意更正
              </Button>
              <Button danger size="large" icon={<RollbackOutlined />} loading={save.busy && deciding === 'reject'} onClick={() => void decide('reject')}>
                退回更正
              </Button>
            </Space>
          </>
        ) : (
          <Typography.Text type="secondary">等待审核人员审核。</Typography.Text>
        )}
      </Space>
    </Card>
  );
}

function AfterPublish({ d, canSenior }: { d: Detail; canSenior: boolean }) {
  const { message } = App.useApp();
  const s = d.staff!;
  const p = d.public!;
  const [modal, setModal] = useState<'correct' | 'withdraw' | 'evidence' | 'end' | null>(null);
  const save = useSave();
  const [correctForm] = Form.useForm<{ reason: string; title: string; text: string }>();
  const [withdrawReason, setWithdrawReason] = useState('');
  const [endDate, setEndDate] = useState<Dayjs | null>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const [takenOn, setTakenOn] = useState<Dayjs>(chinaToday());

  const run = async (fn: () => Promise<unknown>, ok: string) => {
    const done = await save.run(() =>
      fn().catch((err: unknown) => {
        throw new Error(featureError(err, '上传公开栏照片'));
      }),
    );
    if (done) {
      message.success(ok);
      setModal(null);
    }
  };
  const open = (m: typeof modal, reason = '') => {
    save.clear();
    if (m === 'correct') correctForm.setFieldsValue({ reason, title: s.title, text: htmlToText(s.bodyHtml) });
    setModal(m);
  };
  // Arriving from 已发布内容复查 (…?correct=pii): the correction opens with the personal-data check and a suggested reason.
  const fromRescan = new URLSearchParams(window.location.search).get('correct') === 'pii';
  useEffect(() => {
    if (fromRescan && canSenior && s.status === 'published') open('correct', '按更新后的个人信息识别规则，遮盖原公示中未遮盖的个人信息');
    // Once, when the page opens.
  }, []);
  const print = (size: 'A4' | 'A3') => window.open(`/api/v1/disclosures/${s.id}/notice.pdf?size=${size}`, '_blank', 'noopener');

  return (
    <Card title="已发布">
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label="索引号">{p.indexNo}</Descriptions.Item>
        <Descriptions.Item label="发布时间">{formatTime(p.publishedAt)}</Descriptions.Item>
        <Descriptions.Item label="公示期">
          <Space wrap>
            {p.display.periodText ?? '无公示期要求'}
            <Tag color={p.display.phase === 'current' ? 'green' : 'default'}>{p.display.label}</Tag>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="最短公示至">{p.display.minEnd ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="公开页面">
          <Typography.Link href={`/disclosures/${s.id}`} target="_blank">
            查看公开页面
          </Typography.Link>
        </Descriptions.Item>
        {p.corrected && <Descriptions.Item label="更正">已更正（第 {p.version} 版）</Descriptions.Item>}
      </Descriptions>
      {p.display.provisional && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={p.display.provisional} />}
      <Space wrap style={{ marginTop: 16 }}>
        <Button type="primary" size="large" icon={<PrinterOutlined />} onClick={() => print('A4')}>
          打印公告 A4
        </Button>
        <Button size="large" icon={<PrinterOutlined />} onClick={() => print('A3')}>
          打印公告 A3
        </Button>
        <Button size="large" icon={<CameraOutlined />} onClick={() => open('evidence')}>
          上传公开栏照片
        </Button>
        {s.status === 'published' && (
          <Button size="large" onClick={() => open('end')}>
            设定公示截止日期
          </Button>
        )}
        {s.status === 'published' && !s.corrections.some((c) => c.status === 'pending') && (
          <Button size="large" icon={<EditOutlined />} onClick={() => open('correct')}>
            更正
          </Button>
        )}
        {canSenior && s.status === 'published' && (
          <Button size="large" danger icon={<StopOutlined />} onClick={() => open('withdraw')}>
            撤回
          </Button>
        )}
      </Space>

      <Modal
        open={modal === 'correct'}
        title="提出更正"
        okText="提交更正审核"
        confirmLoading={save.busy}
        width={760}
        onCancel={() => setModal(null)}
        onOk={() =>
          void correctForm
            .validateFields()
            .then((v) =>
              run(
                () => post(`/api/v1/disclosures/${s.id}/corrections`, { reason: v.reason.trim(), title: v.title.trim(), body: textToHtml(v.text) }),
                '更正已提交，等待其他审核人员审核',
              ),
            )
        }
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="更正须由另一名审核人员审核同意后才生效。生效后公开页面显示“已更正”和更正理由，原来的版本保留在历史中。"
        />
        {modal === 'correct' && (
          <Card title="个人信息检查" size="small" style={{ marginBottom: 12 }}>
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              提出更正前请处理这里列出的每一处个人信息（按现行规则检查，包括以前没有识别出来的写法）。正文不需要改动时，遮盖后直接提交更正审核即可。
            </Typography.Paragraph>
            <PiiPanel record={s} canAllow={canSenior} />
          </Card>
        )}
        <Form form={correctForm} layout="vertical">
          <Form.Item name="reason" label="更正理由（公开）" rules={[{ required: true, whitespace: true, min: 2, message: '请填写更正理由' }]}>
            <Input maxLength={500} placeholder="例如：会议日期写错，应为11月20日" />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="text" label="正文（每行一段）" rules={[{ required: true, whitespace: true, message: '请填写正文' }]}>
            <Input.TextArea rows={10} />
          </Form.Item>
        </Form>
        <SaveError save={save} />
      </Modal>

      <Modal
        open={modal === 'withdraw'}
        title="撤回公开内容"
        okText="确认撤回"
        okButtonProps={{ danger: true, disabled: withdrawReason.trim().length < 2 }}
        confirmLoading={save.busy}
        onCancel={() => setModal(null)}
        onOk={() => void run(() => post(`/api/v1/disclosures/${s.id}/withdraw`, { reason: withdrawReason.trim() }), '已撤回')}
      >
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="撤回后，公开页面仍保留这条记录，显示“已撤回”和您填写的理由，所有人都能看到。" />
        <Input.TextArea
          aria-label="撤回理由"
          rows={3}
          value={withdrawReason}
          maxLength={500}
          onChange={(e) => setWithdrawReason(e.target.value)}
          placeholder="撤回理由（必填，会公开）"
        />
        <SaveError save={save} style={{ marginTop: 12 }} />
      </Modal>

      <Modal
        open={modal === 'end'}
        title="设定公示截止日期"
        okText="保存"
        okButtonProps={{ disabled: !endDate }}
        confirmLoading={save.busy}
        onCancel={() => setModal(null)}
        onOk={() => void run(() => post(`/api/v1/disclosures/${s.id}/display-end`, { until: endDate!.format('YYYY-MM-DD') }), '已保存')}
      >
        <Typography.Paragraph>最短公示至：{p.display.minEnd ?? '无要求'}。截止日期不能早于这一天。</Typography.Paragraph>
        <DatePicker
          aria-label="公示截止日期"
          value={endDate}
          onChange={setEndDate}
          disabledDate={(dd) => !!p.display.minEnd && dd.isBefore(dayjs(p.display.minEnd), 'day')}
        />
        <SaveError save={save} style={{ marginTop: 12 }} />
      </Modal>

      <Modal
        open={modal === 'evidence'}
        title="上传公开栏照片"
        okText="上传"
        okButtonProps={{ disabled: !photo }}
        confirmLoading={save.busy}
        onCancel={() => setModal(null)}
        onOk={() =>
          void run(() => {
            const form = new FormData();
            form.append('takenOn', takenOn.format('YYYY-MM-DD'));
            form.append('file', photo!);
            return upload(`/api/v1/disclosures/${s.id}/evidence`, form);
          }, '照片已上传')
        }
      >
        <Typography.Paragraph>公告贴到公开栏后，拍一张照片上传，作为已张贴的凭证。</Typography.Paragraph>
        <Space orientation="vertical">
          <Upload
            accept="image/*"
            maxCount={1}
            beforeUpload={(f) => {
              setPhoto(f);
              return false;
            }}
            onRemove={() => setPhoto(null)}
          >
            <Button size="large" icon={<CameraOutlined />}>
              选择照片
            </Button>
          </Upload>
          <Space>
            <span>拍摄日期：</span>
            <DatePicker
              aria-label="拍摄日期"
              allowClear={false}
              value={takenOn}
              onChange={(v) => v && setTakenOn(v)}
              disabledDate={(dd) => dd.isAfter(chinaToday(), 'day')}
            />
          </Space>
        </Space>
        <SaveError save={save} style={{ marginTop: 12 }} />
      </Modal>
    </Card>
  );
}

export function DisclosureDetailPage({ id }: { id: string }) {
  const detail = useApi<Detail>(['publishing', 'disclosure'], `/api/v1/disclosures/${id}`);
  if (detail.data === undefined && detail.isError && detail.error instanceof ApiError && detail.error.status === 404)
    return <Result status="404" title="找不到这条公开内容" extra={<Button onClick={() => navigate('/disclosures')}>返回列表</Button>} />;
  return (
    <QueryState query={detail} what="这条公开内容">
      {(d) =>
        d.staff ? (
          <DisclosureView d={d} s={d.staff} />
        ) : (
          <Result status="403" title="这不是您单位的内容" subTitle="您只能查看公开页面。" extra={<Button href={`/disclosures/${id}`}>查看公开页面</Button>} />
        )
      }
    </QueryState>
  );
}

function DisclosureView({ d, s }: { d: Detail; s: StaffView }) {
  const { user } = useSession();
  // The catalog item's display rule, shown before publishing (only once approved: the 发布 panel needs it).
  const catalog = useApi<UnitCatalog>(
    ['catalog', 'unit'],
    s.itemKey && s.status === 'approved' ? `/api/v1/units/${encodeURIComponent(s.unit.code)}/catalog` : null,
  );
  const ruleText = catalog.data ? [...catalog.data.items, ...catalog.data.localItems].find((i) => i.key === s.itemKey)?.displayRuleText || null : null;

  const ab = abilities(user, s.catalog);
  const canEdit = ab.drafter && (s.status === 'draft' || s.status === 'returned');
  // Two-person sign-off: whoever wrote, edited or submitted this version does not review it.
  const mine = ownContribution(s, user.id);
  const reviewRole = (s.status === 'submitted' && ab.reviewer) || (s.status === 'committee_approved' && ab.townReviewer);
  const canReview = reviewRole && !mine && s.submittedBy !== user.id;
  const pendingCorrection = s.corrections.find((c) => c.status === 'pending');
  const canPublish = s.status === 'approved' && ab.staff;
  const published = s.status === 'published' || s.status === 'withdrawn';
  const returned = s.status === 'returned' ? [...s.steps].reverse().find((x) => x.action === 'reject') : undefined;
  // Before publication the public view is the body with the personal-data check's hits masked (the 个人信息检查 panel
  // below shares this check).
  const piiScan = usePiiScan(d.public ? null : s);
  const publicHtml = d.public?.bodyHtml ?? maskedPreview(s.bodyHtml, piiScan.data?.hits ?? []);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Link onClick={() => navigate('/disclosures')}>← 公开内容列表</Typography.Link>
          <Space wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }}>
              {s.title}
            </Typography.Title>
            <StatusTag status={s.status} text={s.statusText} />
            {d.public?.corrected && <Tag color="purple">已更正</Tag>}
          </Space>
          <Typography.Text type="secondary">
            {s.unit.name} · 生成日期 {s.formedOn}
            {s.period ? ` · ${periodText(s.period)}` : ''}
            {s.docNo ? ` · ${s.docNo}` : ''}
          </Typography.Text>
          <div style={{ marginTop: 12 }}>
            <WorkflowSteps s={s} />
          </div>
        </Space>
      </Card>

      {returned && (
        <Alert
          type="error"
          showIcon
          title={`被退回：${returned.comment ?? ''}`}
          description={`${returned.actorName ?? ''} ${formatTime(returned.at)}`}
          action={
            canEdit ? (
              <Button type="primary" size="large" icon={<EditOutlined />} onClick={() => navigate(`/disclosures/new?id=${s.id}`)}>
                去修改
              </Button>
            ) : undefined
          }
        />
      )}
      {s.status === 'draft' && canEdit && (
        <Alert
          type="info"
          showIcon
          title="这是草稿，还没有提交审核。"
          action={
            <Button type="primary" size="large" icon={<EditOutlined />} onClick={() => navigate(`/disclosures/new?id=${s.id}`)}>
              继续填写
            </Button>
          }
        />
      )}
      {s.status === 'withdrawn' && d.public?.withdrawal && (
        <Alert type="warning" showIcon title={`已撤回：${d.public.withdrawal.reason}`} description={formatTime(d.public.withdrawal.at)} />
      )}

      {reviewRole && !canReview && <Alert type="info" showIcon title={`您${mine ?? '提交'}过这份公开内容，按照两人审核的规定，须由其他审核人员审核。`} />}
      {canReview && (
        <>
          <Card title="个人信息检查" size="small">
            <PiiPanel record={s} canAllow={ab.senior} />
          </Card>
          <ReviewPanel s={s} />
        </>
      )}
      {canPublish && <PublishPanel s={s} ruleText={ruleText} />}
      {pendingCorrection && s.status === 'published' && <CorrectionReview s={s} c={pendingCorrection} canSenior={ab.senior} userId={user.id} />}
      {published && d.public && <AfterPublish d={d} canSenior={ab.senior} />}

      <Card title="内容">
        <Tabs
          items={[
            {
              key: 'public',
              label: '公开后的样子（个人信息已遮盖）',
              children: (
                <>
                  <Typography.Title level={4}>{d.public?.title ?? s.title}</Typography.Title>
                  <BodyView html={publicHtml} />
                </>
              ),
            },
            {
              key: 'staff',
              label: '原文（仅工作人员可见）',
              children: (
                <>
                  <Typography.Title level={4}>{s.title}</Typography.Title>
                  <BodyView html={s.bodyHtml} />
                </>
              ),
            },
          ]}
        />
      </Card>

      {d.public && d.public.versions.length > 0 && (
        <Card title="版本历史">
          <Table
            rowKey="version"
            size="small"
            pagination={false}
            dataSource={d.public.versions}
            columns={[
              { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => `第 ${v} 版` },
              { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
              { title: '说明', dataIndex: 'reason', render: (v: string | null, r) => v ?? (r.version === 1 ? '首次发布' : '—') },
              { title: '内容摘要（SHA-256）', dataIndex: 'contentHash', render: (v: string) => <Typography.Text code>{v.slice(0, 16)}…</Typography.Text> },
            ]}
          />
        </Card>
      )}

      {s.contributors.length > 0 && (
        <Card title={s.public ? `经手人（第 ${s.public.version + 1} 版的更正）` : '经手人'} size="small">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            起草、修改或提交过本版本的人员不能审核本版本（两人审核）。
          </Typography.Paragraph>
          <Space wrap>
            {s.contributors.map((c) => (
              <Tag key={`${c.userId}-${c.kind}`}>
                {c.displayName ?? c.userId}：{CONTRIBUTION_TEXT[c.kind]}
                {c.times > 1 ? ` ${c.times} 次` : ''}
              </Tag>
            ))}
          </Space>
        </Card>
      )}

      <Card title="办理记录">
        <Timeline
          items={s.steps.map((x) => ({
            color: x.action === 'reject' ? 'red' : x.action === 'approve' || x.action === 'publish' ? 'green' : 'blue',
            content: (
              <div>
                <Typography.Text strong>{STEP_TEXT[x.action] ?? x.action}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {formatTime(x.at)} {x.actorName ?? ''}
                </Typography.Text>
                {x.comment && <div>意见：{x.comment}</div>}
              </div>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

const STEP_TEXT: Record<string, string> = {
  create: '起草',
  edit: '修改草稿',
  submit: '提交审核',
  approve: '审核通过',
  reject: '退回修改',
  publish: '发布',
  schedule: '定时发布',
  withdraw: '撤回',
  correct: '更正生效',
  correct_propose: '提出更正',
  correct_reject: '退回更正',
  set_display_end: '设定公示截止日期',
  pii_mask: '遮盖个人信息',
  pii_allow: '允许公开个人信息',
};
