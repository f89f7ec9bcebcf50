import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Form, Input, InputNumber, Modal, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { ApiError, errorText, formatTime, put } from '../../lib/http.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { PiiRescanSection } from './PiiRescanSection.tsx';

import type { BuiltinRuleId as BuiltinId, CustomRule, MaskSpec as Mask } from '../../../../../src/modules/publishing/pii/pii-patterns.ts';
import type { PiiRulesConfig as RulesConfig, PiiRulesView as RulesView } from '../../../../../src/modules/publishing/pii-config.ts';

interface BuiltinState {
  id: BuiltinId;
  label: string;
  enabled: boolean;
  mask: Mask;
}

/** The built-in rules in the server's order, with a sample value and a plain explanation. */
const BUILTINS: { id: BuiltinId; label: string; sample: string; note: string }[] = [
  {
    id: 'resident_id',
    label: '身份证号',
    sample: '321323198506150122',
    note: '18 位或 15 位公民身份号码（校验位正确）；中间有空格、横线、点、斜杠、换行或看不见的字符，或用全角数字，同样能识别。法律要求必须识别，不能停用。',
  },
  { id: 'possible_id', label: '疑似身份证号', sample: '321323198506150124', note: '像身份证号但校验位不符，多为录入错误的真实号码。' },
  { id: 'mobile', label: '手机号码', sample: '13856781234', note: '11 位手机号码，也包括 138 5678 1234、138-5678-1234 这类写法。' },
  { id: 'bank_card', label: '银行卡号', sample: '6222021234567890128', note: '16–19 位银行卡号（通过 Luhn 校验），连写或每 4 位分开写。' },
  { id: 'landline', label: '固定电话', sample: '0527-85272811', note: '默认关闭：单位办公电话通常需要公开。' },
];

/** Shortest value of each kind: a mask must hide at least 4 of its characters (same check as the server). */
const SHORTEST: Record<BuiltinId, number> = { resident_id: 15, possible_id: 15, mobile: 11, bank_card: 16, landline: 8 };

const DEFAULT_MASK: Mask = { keepFirst: 0, keepLast: 4, maskChar: '*' };

/** Same rule as the server: significant characters other than the first/last kept become the mask character; separators stay. */
function applyMask(value: string, spec: Mask): string {
  const significant: number[] = [];
  for (let i = 0; i < value.length; i++) if (/[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]/.test(value[i])) significant.push(i);
  const n = significant.length;
  const revealAll = spec.keepFirst + spec.keepLast >= n;
  const hide = new Set(significant.filter((_, k) => revealAll || (k >= spec.keepFirst && k < n - spec.keepLast)));
  let out = '';
  for (let i = 0; i < value.length; i++) out += hide.has(i) ? spec.maskChar || '*' : value[i];
  return out;
}

/** Compiles a county pattern as the scanner would; returns the Chinese problem instead of throwing. */
function compile(regex: string, flags: string): { re: RegExp | null; error: string | null } {
  if (!regex) return { re: null, error: null };
  try {
    const re = new RegExp(regex, `${flags}g`);
    if (new RegExp(regex, flags).test('')) return { re: null, error: '这个正则表达式会匹配空文本，请修改（例如把 * 改为 +）。' };
    return { re, error: null };
  } catch (e) {
    return { re: null, error: `正则表达式写法有误：${(e as Error).message}` };
  }
}

function Highlighted({ text, re, mask }: { text: string; re: RegExp; mask: Mask }) {
  const parts: ReactNode[] = [];
  const masked: ReactNode[] = [];
  let last = 0;
  let count = 0;
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    if (m[0] === '') continue;
    const start = m.index;
    parts.push(text.slice(last, start));
    masked.push(text.slice(last, start));
    parts.push(
      <mark key={start} style={{ background: '#ffe58f', padding: '0 1px' }}>
        {m[0]}
      </mark>,
    );
    masked.push(
      <Typography.Text key={start} code>
        {applyMask(m[0], mask)}
      </Typography.Text>,
    );
    last = start + m[0].length;
    count++;
  }
  parts.push(text.slice(last));
  masked.push(text.slice(last));
  return (
    <div aria-live="polite">
      <Typography.Text type={count ? 'success' : 'secondary'}>{count ? `找到 ${count} 处：` : '示例文字中没有匹配的内容。'}</Typography.Text>
      <div
        data-testid="regex-highlight"
        style={{ whiteSpace: 'pre-wrap', background: '#fafafa', border: '1px solid #f0f0f0', padding: 8, marginTop: 4, borderRadius: 4 }}
      >
        {parts}
      </div>
      {count > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">公示时显示为：</Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap', padding: '4px 8px' }}>{masked}</div>
        </div>
      )}
    </div>
  );
}

function MaskFields({ mask, onChange, disabled, label }: { mask: Mask; onChange: (m: Mask) => void; disabled?: boolean; label: string }) {
  return (
    <Space wrap size={[12, 4]}>
      <span>
        保留前{' '}
        <InputNumber
          aria-label={`${label} 保留前几位`}
          size="small"
          min={0}
          max={20}
          precision={0}
          value={mask.keepFirst}
          disabled={disabled}
          onChange={(v) => onChange({ ...mask, keepFirst: v ?? 0 })}
          style={{ width: 60 }}
        />{' '}
        位
      </span>
      <span>
        保留后{' '}
        <InputNumber
          aria-label={`${label} 保留后几位`}
          size="small"
          min={0}
          max={20}
          precision={0}
          value={mask.keepLast}
          disabled={disabled}
          onChange={(v) => onChange({ ...mask, keepLast: v ?? 0 })}
          style={{ width: 60 }}
        />{' '}
        位
      </span>
      <span>
        遮盖符号{' '}
        <Input
          aria-label={`${label} 遮盖符号`}
          size="small"
          maxLength={1}
          value={mask.maskChar}
          disabled={disabled}
          onChange={(e) => onChange({ ...mask, maskChar: e.target.value })}
          style={{ width: 44, textAlign: 'center' }}
        />
      </span>
    </Space>
  );
}

/** Problems the server would report, checked before sending (the server checks again). */
function maskProblem(label: string, mask: Mask, shortest?: number): string | null {
  if (!mask.maskChar || /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]/.test(mask.maskChar)) return `「${label}」的遮盖符号须为一个非数字、非字母的字符（如 *）`;
  if (shortest && mask.keepFirst + mask.keepLast > shortest - 4) return `「${label}」保留的位数过多：首尾合计最多保留 ${shortest - 4} 位`;
  return null;
}

interface EditForm {
  label: string;
  regex: string;
  ignoreCase: boolean;
  enabled: boolean;
}

function CustomRuleModal({ rule, onCancel, onOk }: { rule: CustomRule | 'new' | null; onCancel: () => void; onOk: (r: CustomRule) => void }) {
  const [form] = Form.useForm<EditForm>();
  const [mask, setMask] = useState<Mask>(DEFAULT_MASK);
  const [sample, setSample] = useState('张三 社保卡号 1234567890AB 联系电话 0527-85272811');
  const regex = Form.useWatch('regex', form) ?? '';
  const ignoreCase = Form.useWatch('ignoreCase', form) ?? false;
  const open = rule !== null;

  useEffect(() => {
    if (!rule) return;
    if (rule === 'new') {
      form.setFieldsValue({ label: '', regex: '', ignoreCase: false, enabled: true });
      setMask(DEFAULT_MASK);
    } else {
      form.setFieldsValue({ label: rule.label, regex: rule.regex, ignoreCase: (rule.flags ?? '').includes('i'), enabled: rule.enabled });
      setMask(rule.mask);
    }
  }, [rule, form]);

  const unicode = rule !== null && rule !== 'new' && (rule.flags ?? '').includes('u');
  const flags = `${ignoreCase ? 'i' : ''}${unicode ? 'u' : ''}`;
  const { re, error } = useMemo(() => compile(regex, flags), [regex, flags]);
  const maskErr = maskProblem('遮盖设置', mask);

  const submit = async () => {
    const v = await form.validateFields();
    if (maskErr || error) return;
    const id = rule && rule !== 'new' ? rule.id : `custom-${Date.now().toString(36)}`;
    onOk({ id, kind: 'custom', label: v.label.trim(), regex: v.regex, ...(flags ? { flags } : {}), enabled: v.enabled, mask });
  };

  return (
    <Modal
      open={open}
      title={rule === 'new' ? '新增本县识别规则' : '修改本县识别规则'}
      okText="确定"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      width={680}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item
          name="label"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请填写名称' },
            { max: 40, message: '名称最多 40 个字' },
          ]}
        >
          <Input placeholder="如：社保卡号" />
        </Form.Item>
        <Form.Item
          name="regex"
          label="正则表达式"
          extra="描述要识别的号码的写法，例如 \d{10}[A-Z]{2} 表示 10 位数字后跟 2 个大写字母。"
          validateStatus={error ? 'error' : undefined}
          help={error ?? undefined}
          rules={[
            { required: true, message: '请填写正则表达式' },
            { max: 300, message: '最多 300 个字符' },
          ]}
        >
          <Input style={{ fontFamily: 'monospace' }} placeholder="\d{10}[A-Z]{2}" />
        </Form.Item>
        <Space size={24} wrap style={{ marginBottom: 12 }}>
          <Form.Item name="ignoreCase" valuePropName="checked" noStyle>
            <Checkbox>不区分大小写</Checkbox>
          </Form.Item>
          <Form.Item name="enabled" valuePropName="checked" noStyle>
            <Checkbox>启用</Checkbox>
          </Form.Item>
        </Space>
        <Form.Item label="遮盖设置" validateStatus={maskErr ? 'error' : undefined} help={maskErr ?? undefined}>
          <MaskFields mask={mask} onChange={setMask} label="自定义规则" />
        </Form.Item>
        <Card size="small" title="试一试" style={{ background: '#fcfcfc' }}>
          <Input.TextArea
            aria-label="示例文字"
            value={sample}
            onChange={(e) => setSample(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder="粘贴一段要公示的文字，看看规则能识别出什么"
          />
          <div style={{ marginTop: 8 }}>
            {error ? (
              <Alert type="error" showIcon title={error} />
            ) : re ? (
              <Highlighted text={sample} re={re} mask={mask} />
            ) : (
              <Typography.Text type="secondary">填写正则表达式后，这里会标出示例文字中匹配的部分。</Typography.Text>
            )}
          </div>
        </Card>
      </Form>
    </Modal>
  );
}

function toState(view: RulesView): { builtin: BuiltinState[]; custom: CustomRule[] } {
  const builtin = BUILTINS.map((b) => {
    const eff = view.rules.find((r) => r.id === b.id);
    return { id: b.id, label: b.label, enabled: eff?.enabled ?? true, mask: { ...(eff?.mask ?? DEFAULT_MASK) } };
  });
  return { builtin, custom: view.config.custom.map((c) => ({ ...c, mask: { ...c.mask } })) };
}

export function PiiRulesPage() {
  const read = useApi<RulesView>(['publishing', 'pii-rules'], '/api/v1/publishing/pii-rules');
  // A save answers with a new updatedAt: the editor starts again from the saved rules.
  return (
    <QueryState query={read} what="个人信息识别规则">
      {(view) => <RulesEditor key={view.updatedAt ?? ''} view={view} />}
    </QueryState>
  );
}

function RulesEditor({ view }: { view: RulesView }) {
  const { message } = App.useApp();
  const [builtin, setBuiltin] = useState<BuiltinState[]>(() => toState(view).builtin);
  const [custom, setCustom] = useState<CustomRule[]>(() => toState(view).custom);
  const [saveError, setSaveError] = useState<{ message: string; details: string[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<CustomRule | 'new' | null>(null);
  const reset = () => {
    const st = toState(view);
    setBuiltin(st.builtin);
    setCustom(st.custom);
    setDirty(false);
    setSaveError(null);
  };

  const setRule = (id: BuiltinId, change: Partial<BuiltinState>) => {
    setBuiltin((xs) => xs.map((x) => (x.id === id ? { ...x, ...change } : x)));
    setDirty(true);
  };

  const problems = [
    ...builtin.filter((b) => b.enabled).map((b) => maskProblem(b.label, b.mask, SHORTEST[b.id])),
    ...custom.filter((c) => c.enabled).map((c) => maskProblem(c.label, c.mask)),
  ].filter((p): p is string => !!p);

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const body: RulesConfig = {
        builtin: Object.fromEntries(builtin.map((b) => [b.id, { enabled: b.id === 'resident_id' ? true : b.enabled, mask: b.mask }])),
        custom,
      };
      await put<RulesView>('/api/v1/publishing/pii-rules', body);
      setDirty(false);
      message.success('已保存，新规则立即生效');
    } catch (err) {
      const details =
        err instanceof ApiError && Array.isArray(err.details)
          ? err.details.map((d) => String((d as { message?: unknown })?.message ?? '')).filter(Boolean)
          : [];
      setSaveError({ message: errorText(err), details: details.length > 1 ? details : [] });
      message.error(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const builtinColumns: TableColumnsType<BuiltinState> = [
    {
      title: '规则',
      dataIndex: 'label',
      width: 240,
      render: (_, b) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{b.label}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {BUILTINS.find((x) => x.id === b.id)?.note}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '启用',
      dataIndex: 'enabled',
      width: 80,
      render: (_, b) =>
        b.id === 'resident_id' ? (
          <Space orientation="vertical" size={0}>
            <Switch aria-label={`${b.label} 启用`} checked disabled size="small" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              始终启用
            </Typography.Text>
          </Space>
        ) : (
          <Switch aria-label={`${b.label} 启用`} checked={b.enabled} size="small" onChange={(v) => setRule(b.id, { enabled: v })} />
        ),
    },
    { title: '遮盖设置', key: 'mask', render: (_, b) => <MaskFields mask={b.mask} onChange={(m) => setRule(b.id, { mask: m })} label={b.label} /> },
    {
      title: '示例',
      key: 'example',
      width: 200,
      render: (_, b) => {
        const sample = BUILTINS.find((x) => x.id === b.id)?.sample ?? '';
        return (
          <Space orientation="vertical" size={0}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {sample} →
            </Typography.Text>
            <Typography.Text code style={{ opacity: b.enabled ? 1 : 0.5 }}>
              {applyMask(sample, b.mask)}
            </Typography.Text>
          </Space>
        );
      },
    },
  ];

  const customColumns: TableColumnsType<CustomRule> = [
    { title: '名称', dataIndex: 'label', width: 140, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    {
      title: '正则表达式',
      dataIndex: 'regex',
      render: (v: string, c) => (
        <Space size={4} wrap>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {v}
          </Typography.Text>
          {(c.flags ?? '').includes('i') && <Tag>不区分大小写</Tag>}
        </Space>
      ),
    },
    { title: '遮盖设置', key: 'mask', width: 200, render: (_, c) => `保留前 ${c.mask.keepFirst} 位、后 ${c.mask.keepLast} 位，用“${c.mask.maskChar}”遮盖` },
    {
      title: '启用',
      dataIndex: 'enabled',
      width: 70,
      render: (_, c) => (
        <Switch
          aria-label={`${c.label} 启用`}
          size="small"
          checked={c.enabled}
          onChange={(v) => {
            setCustom((xs) => xs.map((x) => (x.id === c.id ? { ...x, enabled: v } : x)));
            setDirty(true);
          }}
        />
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_, c) => (
        <Space size={4}>
          <Button size="small" onClick={() => setEditing(c)}>
            编辑
          </Button>
          <Popconfirm
            title={`删除规则「${c.label}」？`}
            description="保存后生效。"
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => {
              setCustom((xs) => xs.filter((x) => x.id !== c.id));
              setDirty(true);
            }}
          >
            <Button size="small" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="个人信息识别规则"
        extra={
          <Space wrap>
            {dirty && <Tag color="orange">有未保存的修改</Tag>}
            <Button icon={<UndoOutlined />} disabled={!dirty || saving} onClick={reset}>
              放弃修改
            </Button>
            <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!dirty || problems.length > 0} onClick={() => void save()}>
              保存
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          依据《个人信息保护法》，公示内容不得泄露身份证号、手机号码、银行卡号等个人信息，系统在发布前按下面的规则自动识别这些号码，并在公开页面上按“遮盖设置”显示为
          32*************123、138****1234 这样的形式。
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          规则对全县所有单位同时生效，保存后立即用于新的检查。{view.updatedAt ? `上次修改：${formatTime(view.updatedAt)}` : '目前使用系统默认设置。'}
        </Typography.Text>
        {problems.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title="请先改正以下设置"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
          />
        )}
        {saveError && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setSaveError(null) }}
            style={{ marginTop: 12 }}
            title="保存失败"
            description={
              <>
                <div>{saveError.message}</div>
                {saveError.details.length > 0 && (
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {saveError.details.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                )}
              </>
            }
          />
        )}
      </Card>

      <Card title="系统内置规则" size="small">
        <Table<BuiltinState> rowKey="id" size="small" columns={builtinColumns} dataSource={builtin} pagination={false} scroll={{ x: 860 }} />
      </Card>

      <Card
        title="本县自定义规则"
        size="small"
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} disabled={custom.length >= 30}>
            新增规则
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          内置规则没有覆盖的号码（如社保卡号、不动产权证号），可以在这里用正则表达式描述，识别到的内容同样在公示前遮盖。
        </Typography.Paragraph>
        {custom.length ? (
          <Table<CustomRule> rowKey="id" size="middle" columns={customColumns} dataSource={custom} pagination={false} scroll={{ x: 760 }} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有本县自定义规则" />
        )}
      </Card>

      <PiiRescanSection />

      <CustomRuleModal
        rule={editing}
        onCancel={() => setEditing(null)}
        onOk={(r) => {
          setCustom((xs) => (xs.some((x) => x.id === r.id) ? xs.map((x) => (x.id === r.id ? r : x)) : [...xs, r]));
          setDirty(true);
          setEditing(null);
        }}
      />
    </Space>
  );
}
