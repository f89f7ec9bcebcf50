/**
 * 政策文件 (issue 19 §1): one screen, reads through the query cache (lib/query.tsx) — the policy documents with
 * their validity (and changing it), the 解读 compliance of the caller's scope, linking the unit's published records
 * as 解读 or 回应, and (county office) the categories that need an interpretation and the working-day deadline.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Upload, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError, errorText, patch, post, put, upload, type Page } from '../../lib/http.ts';
import dayjs from 'dayjs';
import { OwnUnitPicker } from '../publishing/shared.tsx';
import { useApi, QueryState } from '../../lib/query.tsx';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import {
  INTERPRETATION_FORMS,
  RESPONSE_FORMS,
  VALIDITY_TEXT,
  VALIDITY_TRANSITIONS,
  type Validity,
} from '../../../../../src/modules/policies/policies.rules.ts';
import type {
  InterpretationCompliance,
  LinkableList,
  MetadataEdited,
  PolicyImported,
  PolicyList,
  PolicyListItem as Policy,
} from '../../../../../src/modules/policies/policies.schemas.ts';
import type { PolicySettings as Settings } from '../../../../../src/modules/policies/policies.commands.ts';
import type { ImportProblem } from '../../../../../src/modules/policies/policies.import.ts';
import { useSession } from '../../lib/session.ts';
import { chinaTodayString } from '../../lib/china-day.ts';
import { isAdmin } from '../auth/api.ts';

const VALIDITY_COLOR: Record<Validity, string> = { valid: 'green', amended: 'orange', repealed: 'default', expired: 'default' };
/** The changes the server allows from a validity (none from 已废止 or 已失效). */
const nextValidities = (from: Validity) => VALIDITY_TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);

interface MetaForm {
  docNo?: string;
  issuerName: string;
  writtenOn: Dayjs;
  category: string;
  topic: string;
  genre: string;
  keywords?: string[];
  reason: string;
}

/** 更正文件信息 of a public policy: reviewer or county office, with a reason shown on the policy page. */
function MetadataModal({ policy, onClose }: { policy: Policy | null; onClose: () => void }) {
  const { message } = App.useApp();
  const settings = useApi<Settings>(['policies', 'settings'], '/api/v1/policies/settings');
  const [form] = Form.useForm<MetaForm>();
  useEffect(() => {
    if (policy)
      form.setFieldsValue({
        docNo: policy.docNo ?? '',
        issuerName: policy.issuer.name,
        writtenOn: dayjs(policy.writtenOn),
        category: policy.category,
        topic: policy.topic,
        genre: policy.genre,
        keywords: policy.keywords,
        reason: '',
      });
  }, [policy, form]);
  const save = async () => {
    const v = await form.validateFields();
    try {
      const r = await patch<MetadataEdited>(`/api/v1/policies/${policy!.id}/metadata`, {
        docNo: v.docNo?.trim() || null,
        issuerName: v.issuerName,
        writtenOn: v.writtenOn.format('YYYY-MM-DD'),
        category: v.category,
        topic: v.topic,
        genre: v.genre,
        keywords: v.keywords ?? [],
        reason: v.reason,
      });
      message.success(`已更正 ${r.changed.length} 项信息，更正记录已在文件页面公开`);
      onClose();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const opts = (xs: string[] | undefined) => (xs ?? []).map((x) => ({ value: x, label: x }));
  return (
    <Modal
      open={policy !== null}
      title={`更正文件信息：${policy?.title ?? ''}`}
      okText="保存更正"
      cancelText="取消"
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">
        文件已公开，更正由本单位审核人或县级管理员登记，原因和改动会在文件页面公开。文号属于公开正文，请先在“公开内容”中提出更正并审核发布，再在这里登记。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="docNo" label="文号">
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="issuerName" label="发文机关" rules={[{ required: true, message: '请填写发文机关' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="writtenOn" label="成文日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="category" label="分类" rules={[{ required: true, message: '请选择' }]}>
          <Select options={opts(settings.data?.categories)} />
        </Form.Item>
        <Form.Item name="topic" label="主题" rules={[{ required: true, message: '请选择' }]}>
          <Select showSearch options={opts(settings.data?.topics)} />
        </Form.Item>
        <Form.Item name="genre" label="体裁" rules={[{ required: true, message: '请选择' }]}>
          <Select options={opts(settings.data?.genres)} />
        </Form.Item>
        <Form.Item name="keywords" label="关键词">
          <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} />
        </Form.Item>
        <Form.Item name="reason" label="更正原因（公开）" rules={[{ required: true, min: 4, message: '请写明更正原因（至少4个字）' }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ComplianceItem = InterpretationCompliance['items'][number];

const STATUS_COLOR: Record<ComplianceItem['status'], string> = { on_time: 'green', late: 'orange', missing: 'red', pending: 'blue' };

function ValidityTab() {
  const { message } = App.useApp();
  const list = useApi<PolicyList>(['policies', 'list'], '/api/v1/policies', { validity: 'all', limit: 200 });
  const items = list.data?.items ?? [];
  const [changing, setChanging] = useState<Policy | null>(null);
  const [editing, setEditing] = useState<Policy | null>(null);
  const [form] = Form.useForm<{ to: Validity; effectiveOn: Dayjs; byPolicyId?: string; reason?: string }>();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await post(`/api/v1/policies/${changing!.id}/validity`, {
        to: v.to,
        effectiveOn: v.effectiveOn.format('YYYY-MM-DD'),
        byPolicyId: v.byPolicyId ?? null,
        reason: v.reason?.trim() || null,
      });
      message.success('时效已登记');
      setChanging(null);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <>
      <QueryState query={list} what="政策文件">
        {() => (
          <Table<Policy>
            rowKey="id"
            dataSource={items}
            scroll={{ x: true }}
            columns={[
              {
                title: '名称',
                render: (_, p) => (
                  <Space>
                    <a href={`/policies/${p.id}`} target="_blank" rel="noreferrer">
                      {p.title}
                    </a>
                    {p.isDemo && <Tag color="gold">演示</Tag>}
                  </Space>
                ),
              },
              { title: '文号', dataIndex: 'docNo' },
              { title: '发布机构', render: (_, p) => p.issuer.name },
              { title: '公开日期', dataIndex: 'publishedOn' },
              {
                title: '时效',
                render: (_, p) => <Tag color={VALIDITY_COLOR[p.validity]}>{`${p.validityText}${p.validityOn ? `（${p.validityOn}）` : ''}`}</Tag>,
              },
              {
                title: '操作',
                render: (_, p) => (
                  <Space>
                    {nextValidities(p.validity).length === 0 ? null : (
                      <Button
                        size="small"
                        onClick={() => {
                          setChanging(p);
                          form.resetFields();
                        }}
                      >
                        登记时效变更
                      </Button>
                    )}
                    <Button size="small" onClick={() => setEditing(p)}>
                      更正文件信息
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <MetadataModal policy={editing} onClose={() => setEditing(null)} />
      <Modal
        open={changing !== null}
        title={`时效变更：${changing?.title ?? ''}`}
        okText="登记"
        cancelText="取消"
        onOk={() => void save()}
        onCancel={() => setChanging(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          已修改、已废止须选择作出变更的已公开文件；已废止和已失效不能再变更。由本单位审核人或县级管理员登记。
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="to" label="改为" rules={[{ required: true, message: '请选择' }]}>
            <Select options={nextValidities(changing?.validity ?? 'valid').map((v) => ({ value: v, label: VALIDITY_TEXT[v] }))} />
          </Form.Item>
          <Form.Item name="effectiveOn" label="生效日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="byPolicyId" label="作出变更的文件">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={items
                .filter((p) => p.id !== changing?.id && (p.validity === 'valid' || p.validity === 'amended'))
                .map((p) => ({ value: p.id, label: `${p.title}${p.docNo ? `（${p.docNo}）` : ''}` }))}
            />
          </Form.Item>
          <Form.Item name="reason" label="说明（公开）">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function ComplianceTab() {
  const q = useApi<InterpretationCompliance>(['policies', 'interpretation-compliance'], '/api/v1/policies/interpretation-compliance');
  return (
    <QueryState query={q} what="政策解读情况">
      {(data) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">
            {data.settings.categories.length
              ? `须解读的分类：${data.settings.categories.join('、')}；文件公开后 ${data.settings.workingDays} 个工作日内发布解读；解读晚于期限的，公开督查列出 ${data.settings.lateListedMonths} 个月。`
              : '县政府办尚未设定须解读的分类。'}
          </Typography.Paragraph>
          <Table<ComplianceItem>
            rowKey="policyId"
            dataSource={data.items}
            scroll={{ x: true }}
            columns={[
              { title: '文件', render: (_, c) => `${c.title}${c.docNo ? `（${c.docNo}）` : ''}` },
              { title: '发布机构', render: (_, c) => c.issuer.name },
              { title: '公开日期', dataIndex: 'publishedOn' },
              { title: '解读期限', dataIndex: 'dueOn' },
              { title: '解读日期', dataIndex: 'interpretedOn' },
              { title: '情况', render: (_, c) => <Tag color={STATUS_COLOR[c.status]}>{c.statusText}</Tag> },
            ]}
          />
        </Space>
      )}
    </QueryState>
  );
}

function SettingsTab() {
  const { message } = App.useApp();
  const q = useApi<Settings>(['policies', 'settings'], '/api/v1/policies/settings');
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    if (q.data) setSettings(q.data);
  }, [q.data]);
  if (!settings)
    return (
      <QueryState query={q} what="解读规则">
        {() => null}
      </QueryState>
    );
  const save = async () => {
    try {
      setSettings(await put<Settings>('/api/v1/policies/settings', settings));
      message.success('已保存');
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Form layout="vertical" style={{ maxWidth: 720 }}>
      <Form.Item label="须解读的分类">
        <Select
          mode="multiple"
          value={settings.interpretation.categories}
          onChange={(v) => setSettings({ ...settings, interpretation: { ...settings.interpretation, categories: v } })}
          options={settings.categories.map((c) => ({ value: c, label: c }))}
        />
      </Form.Item>
      <Form.Item label="解读期限（公开后几个工作日内，0 表示同日）">
        <InputNumber
          min={0}
          max={60}
          value={settings.interpretation.workingDays}
          onChange={(v) => setSettings({ ...settings, interpretation: { ...settings.interpretation, workingDays: v ?? 0 } })}
        />
      </Form.Item>
      <Form.Item label="解读晚于期限的文件在公开督查中列出多久（月，县级自定，默认 12 个月）">
        <InputNumber
          min={1}
          max={60}
          value={settings.interpretation.lateListedMonths}
          onChange={(v) => setSettings({ ...settings, interpretation: { ...settings.interpretation, lateListedMonths: v ?? 12 } })}
        />
      </Form.Item>
      <Button type="primary" onClick={() => void save()}>
        保存
      </Button>
    </Form>
  );
}

type Linkable = LinkableList['items'][number];
const LINKED_TEXT: Record<NonNullable<Linkable['linkedAs']>, string> = { policy: '政策文件', interpretation: '已关联为解读', response: '已登记为回应' };
const LINK_ROLES = ['unit_officer', 'unit_reviewer', 'county_admin'];
const formOptions = (forms: Record<string, string>) => Object.entries(forms).map(([value, label]) => ({ value, label }));

interface LinkForm {
  policyId?: string;
  form: string;
  mediaUrl?: string;
  interactionRef?: string;
  consultationRef?: string;
}

/** 解读 (a public policy, a form, a media link for audio/video) or 回应 (its form, what it answers) for one published record. */
function LinkModal({ target, onClose }: { target: { record: Linkable; as: 'interpretation' | 'response' } | null; onClose: () => void }) {
  const { message } = App.useApp();
  const save = useSave();
  const [form] = Form.useForm<LinkForm>();
  const policies = useApi<PolicyList>(['policies', 'list'], target ? '/api/v1/policies' : null, { validity: 'all', limit: 200 });
  const interpretation = target?.as === 'interpretation';
  const close = () => {
    save.clear();
    form.resetFields();
    onClose();
  };
  const submit = async () => {
    const v = await form.validateFields();
    const record = target!.record;
    const done = await save.run(() =>
      interpretation
        ? post(`/api/v1/policies/${encodeURIComponent(v.policyId!)}/interpretations`, {
            disclosureId: record.id,
            form: v.form,
            mediaUrl: v.mediaUrl?.trim() || null,
          })
        : post('/api/v1/policy-responses', {
            disclosureId: record.id,
            form: v.form,
            policyId: v.policyId ?? null,
            interactionRef: v.interactionRef?.trim() || null,
            consultationRef: v.consultationRef?.trim() || null,
          }),
    );
    if (done) {
      message.success(interpretation ? '已关联为解读，政策文件页面已显示' : '已登记为回应');
      close();
    }
  };
  return (
    <Modal
      open={target !== null}
      title={`${interpretation ? '关联为解读' : '登记为回应'}：${target?.record.title ?? ''}`}
      okText={interpretation ? '关联' : '登记'}
      cancelText="取消"
      confirmLoading={save.busy}
      onOk={() => void submit()}
      onCancel={close}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" initialValues={{ form: interpretation ? 'text' : 'concern' }}>
        <Form.Item
          name="policyId"
          label={interpretation ? '解读的政策文件' : '回应的政策文件（可不选）'}
          rules={interpretation ? [{ required: true, message: '请选择所解读的政策文件' }] : []}
        >
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={policies.isLoading}
            options={(policies.data?.items ?? [])
              .filter((p) => p.id !== target?.record.id)
              .map((p) => ({ value: p.id, label: `${p.title}${p.docNo ? `（${p.docNo}）` : ''}` }))}
          />
        </Form.Item>
        <Form.Item name="form" label={interpretation ? '解读形式' : '回应形式'} rules={[{ required: true, message: '请选择' }]}>
          <Select options={formOptions(interpretation ? INTERPRETATION_FORMS : RESPONSE_FORMS)} />
        </Form.Item>
        {interpretation ? (
          <Form.Item name="mediaUrl" label="播放链接（音频、视频解读必填）">
            <Input maxLength={500} placeholder="https://" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="interactionRef" label="回应的政民互动事项编号（可不填）">
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="consultationRef" label="回应的意见征集或公众参与事项编号（可不填）">
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
      </Form>
      <SaveError save={save} />
    </Modal>
  );
}

/** The unit's published records (newest first, paged): each can be linked once, as a 解读 of a public policy or as a 回应. */
function LinkTab() {
  const { user } = useSession();
  const [unit, setUnit] = useState<string | undefined>(user.roles.find((r) => LINK_ROLES.includes(r.role))?.unitCode);
  const paging = usePaging();
  const list = useApi<Page<Linkable>>(['policies', 'linkable'], unit ? '/api/v1/policies/linkable' : null, { unit, ...paging.limits }, { keepPrevious: true });
  const [target, setTarget] = useState<{ record: Linkable; as: 'interpretation' | 'response' } | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        解读和回应先在“公开内容”中起草、审核、发布，再在这里关联：作为某份已公开政策文件的解读，或登记为回应关切、辟谣。每条内容只能关联一次。
      </Typography.Paragraph>
      <div style={{ maxWidth: 360 }}>
        <OwnUnitPicker
          id="policy-link-unit"
          value={unit}
          onChange={(u) => {
            setUnit(u);
            paging.setPage(1);
          }}
        />
      </div>
      <PagedTable<Linkable>
        query={list}
        what="本单位已发布的内容"
        paging={paging}
        empty={unit ? '本单位还没有已发布的内容' : '请先选择单位'}
        rowKey="id"
        scroll={{ x: true }}
        columns={[
          { title: '标题', dataIndex: 'title' },
          { title: '索引号', dataIndex: 'indexNo', width: 190 },
          { title: '发布时间', dataIndex: 'publishedAt', width: 120, render: (v: string | null) => (v ? chinaTodayString(Date.parse(v)) : '') },
          {
            title: '关联',
            width: 230,
            render: (_, r) =>
              r.linkedAs ? (
                <Tag>{LINKED_TEXT[r.linkedAs]}</Tag>
              ) : (
                <Space>
                  <Button size="small" onClick={() => setTarget({ record: r, as: 'interpretation' })}>
                    作为解读关联
                  </Button>
                  <Button size="small" onClick={() => setTarget({ record: r, as: 'response' })}>
                    登记为回应
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <LinkModal target={target} onClose={() => setTarget(null)} />
    </Space>
  );
}

function ImportTab() {
  const { message } = App.useApp();
  const { user } = useSession();
  const [unit, setUnit] = useState<string | undefined>(user.roles.find((r) => r.role === 'unit_officer')?.unitCode);
  const [problems, setProblems] = useState<{ text: string; items: ImportProblem[] } | null>(null);
  const send = async (file: File) => {
    const fd = new FormData();
    fd.append('file', file);
    try {
      const r = await upload<PolicyImported>(`/api/v1/units/${encodeURIComponent(unit ?? '')}/policy-import`, fd);
      setProblems(null);
      message.success(`已导入 ${r.imported} 份政策文件（草稿），请在“公开内容”中送审、发布`);
    } catch (err) {
      const items = err instanceof ApiError ? ((err.details as { problems?: ImportProblem[] } | undefined)?.problems ?? []) : [];
      setProblems({ text: errorText(err), items });
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Paragraph type="secondary">
        把本单位以前公开过的政策文件一次导入：下载模板，每份文件填一行（标题、文号、发文机关、成文日期、分类、主题、体裁、关键词、正文、附件），保存为 Excel 或
        CSV（UTF-8）后上传。带附件时，把填好的表和附件一起压缩成一个 .zip
        导入包（表放在最外层，附件放在“附件”文件夹里，表中“附件”列写文件名，多个用顿号分隔）；附件可以是 PDF、Excel、Word、PNG、JPEG，每个不超过 20
        MB。系统先逐行检查表和每个附件，有问题时列出第几行哪一列，一份也不导入；全部通过才导入为草稿，再按流程审核（含附件的个人信息核对）、发布。
      </Typography.Paragraph>
      <Space wrap>
        <div style={{ minWidth: 300 }}>
          <OwnUnitPicker id="policy-import-unit" value={unit} onChange={setUnit} />
        </div>
        <Button href="/api/v1/policies/import-template.xlsx">下载导入模板</Button>
        <Upload
          accept=".xlsx,.csv,.zip"
          showUploadList={false}
          disabled={!unit}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
        >
          <Button type="primary" disabled={!unit}>
            上传并导入
          </Button>
        </Upload>
      </Space>
      {problems && <Alert type="error" showIcon title={problems.text} />}
      {problems && problems.items.length > 0 && (
        <Table<ImportProblem>
          rowKey={(p) => `${p.line}-${p.column}-${p.message}`}
          size="small"
          dataSource={problems.items}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '行', dataIndex: 'line', width: 70 },
            { title: '列', dataIndex: 'column', width: 100 },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
    </Space>
  );
}

export function PoliciesPage() {
  const { user } = useSession();
  // The county office sets the rule; the server refuses other county admins (403) with a message.
  const office = isAdmin(user);
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        政策文件
      </Typography.Title>
      <Typography.Paragraph type="secondary">政策文件在“公开内容”中起草、审核、发布；这里登记时效变更、关联解读和回应、查看解读是否按时。</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'validity', label: '文件与时效', children: <ValidityTab /> },
          { key: 'compliance', label: '政策解读情况', children: <ComplianceTab /> },
          ...(user.roles.some((r) => LINK_ROLES.includes(r.role)) ? [{ key: 'link', label: '关联解读和回应', children: <LinkTab /> }] : []),
          ...(user.roles.some((r) => r.role === 'unit_officer') ? [{ key: 'import', label: '导入已有文件', children: <ImportTab /> }] : []),
          ...(office ? [{ key: 'settings', label: '解读规则', children: <SettingsTab /> }] : []),
        ]}
      />
    </Card>
  );
}
