/** Shared catalog types, labels and the item detail / item form used by the catalog pages. */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Descriptions, Drawer, Form, Input, Radio, Select, Space, Switch, Tag, Typography } from 'antd';

import { useApi } from '../../lib/query.tsx';
import { useSave } from '../../lib/save.tsx';
import { CHANNELS as STANDARD_CHANNELS, type CatalogKind } from '../../../../../src/modules/catalog/catalog.types.ts';
import type {
  CurrentItems,
  DomainList,
  DomainView as CatalogDomain,
  ItemView as CatalogItem,
  UnitCatalogAnswer as UnitCatalog,
  VersionDiff,
  VersionList,
  VersionView as CatalogVersion,
} from '../../../../../src/modules/catalog/catalog.schemas.ts';

/** The API's shapes (catalog.schemas.ts), written once on the server. */
export type { CatalogKind, CatalogDomain, CatalogItem, CatalogVersion, CurrentItems, DomainList, UnitCatalog, VersionDiff, VersionList };
export type ChannelUse = CatalogItem['channels'][number];

const NO_DOMAINS: CatalogDomain[] = [];

/** The catalog's domains in their order (none while they load or when they cannot be read). */
export function useDomains(catalog: CatalogKind | null): CatalogDomain[] {
  const read = useApi<DomainList>(['catalog', 'domains'], catalog && '/api/v1/catalog/domains', { catalog });
  return useMemo(() => (read.data ? [...read.data.items].sort((a, b) => a.sort - b.sort) : NO_DOMAINS), [read.data]);
}

export const CATALOG_LABELS: Record<CatalogKind, string> = { government: '政务公开目录', village: '村（居）务公开目录' };
export const CATALOG_OPTIONS = [
  { value: 'government', label: '政务' },
  { value: 'village', label: '村（居）务' },
];

/** 公开渠道和载体 in the standard order: the server's list (catalog.types.ts imports nothing at run time). */
export const CHANNELS: readonly string[] = STANDARD_CHANNELS;

export const LEVEL_TEXT: Record<string, string> = { county: '县级', township: '乡级', village: '村级' };
export const AUDIENCE_TEXT: Record<string, string> = { public: '全社会', specific: '特定群体' };
export const MODE_TEXT: Record<string, string> = { proactive: '主动公开', on_request: '依申请公开' };
export const STATUS_TAG: Record<CatalogVersion['status'], { color: string; text: string }> = {
  draft: { color: 'orange', text: '草稿' },
  published: { color: 'green', text: '现行' },
  superseded: { color: 'default', text: '已替代' },
};

/** Field names of a diff (DIFF_FIELDS in catalog.text.ts) in Chinese. */
export const FIELD_LABELS: Record<string, string> = {
  domainCode: '领域/类别',
  level1: '一级事项',
  level2: '二级事项',
  elements: '公开内容（要素）',
  bases: '公开依据',
  timeRule: '公开时限',
  displayRule: '公示期',
  subject: '公开主体',
  channels: '公开渠道和载体',
  audience: '公开对象',
  mode: '公开方式',
  levels: '公开层级',
  source: '来源',
};

/** Time rules whose deadline starts from a recorded fact (登记事项发生). */
export const EVENT_KINDS = new Set(['triggered', 'immediate', 'long_term']);

export function itemName(i: Pick<CatalogItem, 'level1' | 'level2'>): string {
  return i.level2 && i.level2 !== i.level1 ? `${i.level1} · ${i.level2}` : i.level1;
}

/** One field of an item in words (for the diff and the detail view). */
export function fieldText(item: CatalogItem, field: string): string {
  switch (field) {
    case 'domainCode':
      return item.domainName;
    case 'elements':
      return item.elements.join('\n');
    case 'bases':
      return item.bases.join('\n');
    case 'timeRule':
      return item.timeRuleText;
    case 'displayRule':
      return item.displayRuleText || '（无公示期要求）';
    case 'channels':
      return item.channelsText;
    case 'audience':
      return AUDIENCE_TEXT[item.audience] ?? item.audience;
    case 'mode':
      return MODE_TEXT[item.mode] ?? item.mode;
    case 'levels':
      return item.levels.map((l) => LEVEL_TEXT[l] ?? l).join('、') || '—';
    default: {
      const v = (item as unknown as Record<string, unknown>)[field];
      return typeof v === 'string' ? v : JSON.stringify(v);
    }
  }
}

/** The printed form the server parses: "■政府网站 □公开查阅点", in standard order. */
export function channelsText(channels: ChannelUse[]): string {
  return [...channels]
    .sort((a, b) => CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel))
    .map((c) => `${c.required ? '■' : '□'}${c.channel}`)
    .join(' ');
}

/** ■ required / □ optional channels, one per line. */
export function Channels({ channels }: { channels: ChannelUse[] }) {
  if (channels.length === 0) return <>—</>;
  return (
    <span>
      {channels.map((c) => (
        <div key={c.channel} title={c.required ? '必选' : '可选'}>
          {c.required ? '■' : '□'}
          {c.channel}
        </div>
      ))}
    </span>
  );
}

function Lines({ lines }: { lines: string[] }) {
  if (lines.length === 0) return <>—</>;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }}>
      {lines.map((l, n) => (
        <li key={n}>{l}</li>
      ))}
    </ol>
  );
}

/** Every column of an item, in the drawer opened from a table row. */
export function ItemDetailDrawer({ item, onClose, extra }: { item: CatalogItem | null; onClose: () => void; extra?: ReactNode }) {
  return (
    <Drawer open={!!item} title={item ? itemName(item) : ''} size="large" onClose={onClose} extra={extra}>
      {item && (
        <Descriptions column={1} bordered size="small" styles={{ label: { width: 130 } }}>
          <Descriptions.Item label="领域/类别">{item.domainName}</Descriptions.Item>
          <Descriptions.Item label="一级事项">{item.level1}</Descriptions.Item>
          <Descriptions.Item label="二级事项">{item.level2 || '—'}</Descriptions.Item>
          <Descriptions.Item label="公开内容（要素）">
            <Lines lines={item.elements} />
          </Descriptions.Item>
          <Descriptions.Item label="公开依据">
            <Lines lines={item.bases} />
          </Descriptions.Item>
          <Descriptions.Item label="公开时限">{item.timeRuleText}</Descriptions.Item>
          <Descriptions.Item label="公示期">{item.displayRuleText || '无公示期要求'}</Descriptions.Item>
          <Descriptions.Item label="公开主体">{item.subject}</Descriptions.Item>
          <Descriptions.Item label="公开渠道和载体">
            <Channels channels={item.channels} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              ■ 必选 □ 可选
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="公开对象">{AUDIENCE_TEXT[item.audience] ?? item.audience}</Descriptions.Item>
          <Descriptions.Item label="公开方式">{MODE_TEXT[item.mode] ?? item.mode}</Descriptions.Item>
          <Descriptions.Item label="公开层级">
            {item.levels.map((l) => (
              <Tag key={l}>{LEVEL_TEXT[l] ?? l}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label="来源">
            <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{item.source || '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="事项编号">
            <Typography.Text code>{item.key}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}

export const TIME_RULE_HINT =
  '请按以下写法之一填写：信息形成或者变更之日起20个工作日内；制定或获取信息之日起10个工作日内；批准后20日内；批复后20日内；事项发生之日起5个工作日内；即时公开：事项发生之日起3个工作日内；长期公开，变更后20个工作日内更新；每季度首月20日前；每月10日前公开上月情况；每年3月31日前；每年初公开（年度开始后20个工作日内）；每季度公开，季度结束后10个工作日内；集体财务往来较多的每月、其他每季度公开：每期首月10日前公开上期情况。固定日期遇节假日默认顺延，不顺延的在末尾加“（遇节假日不顺延）”。';
export const DISPLAY_RULE_HINT = '如：公示不少于7个工作日；公示至享受待遇终止。没有公示期要求的留空。';

/** Body sent to POST/PATCH …/items and POST …/local-items. */
export interface ItemBody {
  domainCode: string;
  level1: string;
  level2: string;
  elements: string[];
  bases: string[];
  timeRule: string;
  displayRule: string;
  subject: string;
  /** Sent as the printed text ("■政府网站 □公开查阅点"): the server's array form is rejected by its request validation. */
  channels: ChannelUse[] | string;
  audience: string;
  mode: string;
  levels?: string[];
  source?: string;
}

interface FormValues {
  domainCode: string;
  level1: string;
  level2: string;
  elements: string;
  bases: string;
  timeRule: string;
  displayRule: string;
  subject: string;
  audience: string;
  mode: string;
  levels: string[];
  source: string;
}

const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * Add or edit one item. On save it hands the changed fields (edit) or the whole body (add) to onSubmit;
 * a rejected promise's message is shown above the form (the server's Chinese validation message).
 */
export function ItemFormDrawer({
  open,
  title,
  domains,
  initial,
  local,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  domains: CatalogDomain[];
  initial: CatalogItem | null;
  /** A unit's own item: 依据 required, no 公开层级. */
  local?: boolean;
  onClose: () => void;
  onSubmit: (body: Partial<ItemBody>) => Promise<void>;
}) {
  const [form] = Form.useForm<FormValues>();
  const [channels, setChannels] = useState<ChannelUse[]>([]);
  const save = useSave();
  const { error, clear } = save;

  useEffect(() => {
    if (!open) return;
    clear();
    form.resetFields();
    if (initial) {
      form.setFieldsValue({
        domainCode: initial.domainCode,
        level1: initial.level1,
        level2: initial.level2,
        elements: initial.elements.join('\n'),
        bases: initial.bases.join('\n'),
        timeRule: initial.timeRuleText,
        displayRule: initial.displayRuleText,
        subject: initial.subject,
        audience: initial.audience,
        mode: initial.mode,
        levels: initial.levels,
        source: initial.source,
      });
      setChannels(initial.channels);
    } else {
      form.setFieldsValue({
        domainCode: domains[0]?.code,
        audience: 'public',
        mode: 'proactive',
        levels: [],
        elements: '',
        bases: '',
        displayRule: '',
        source: '',
      });
      setChannels([]);
    }
  }, [open, initial, domains, form, clear]);

  useEffect(() => {
    if (error) document.getElementById('item-form-error')?.scrollIntoView({ block: 'nearest' });
  }, [error]);

  const toggleChannel = (channel: string, on: boolean) =>
    setChannels((cs) => {
      const rest = cs.filter((c) => c.channel !== channel);
      const next = on ? [...rest, { channel, required: true }] : rest;
      return next.sort((a, b) => CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel));
    });

  const submit = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (channels.length === 0) {
      save.fail('请至少勾选一个公开渠道');
      return;
    }
    const body: ItemBody = {
      domainCode: v.domainCode,
      level1: v.level1.trim(),
      level2: (v.level2 ?? '').trim(),
      elements: lines(v.elements),
      bases: lines(v.bases),
      timeRule: v.timeRule.trim(),
      displayRule: (v.displayRule ?? '').trim(),
      subject: v.subject.trim(),
      channels,
      audience: v.audience,
      mode: v.mode,
      ...(local ? {} : { levels: v.levels ?? [] }),
      source: (v.source ?? '').trim(),
    };
    let send: Partial<ItemBody> = body;
    if (initial) {
      // Send only what changed, so untouched rules are not rewritten.
      const before: ItemBody = {
        domainCode: initial.domainCode,
        level1: initial.level1,
        level2: initial.level2,
        elements: initial.elements,
        bases: initial.bases,
        timeRule: initial.timeRuleText,
        displayRule: initial.displayRuleText,
        subject: initial.subject,
        channels: initial.channels,
        audience: initial.audience,
        mode: initial.mode,
        levels: initial.levels,
        source: initial.source,
      };
      send = Object.fromEntries(Object.entries(body).filter(([k, val]) => JSON.stringify(val) !== JSON.stringify(before[k as keyof ItemBody])));
      if (Object.keys(send).length === 0) {
        onClose();
        return;
      }
    }
    if (Array.isArray(send.channels)) send = { ...send, channels: channelsText(send.channels) };
    await save.run(() => onSubmit(send));
  };

  return (
    <Drawer
      open={open}
      title={title}
      size="large"
      onClose={onClose}
      mask={{ closable: false }}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.busy} onClick={() => void submit()}>
            保存
          </Button>
        </Space>
      }
    >
      {error && <Alert id="item-form-error" type="error" showIcon title="没有保存" description={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="domainCode" label={domains[0]?.catalog === 'village' ? '类别' : '领域'} rules={[{ required: true, message: '请选择' }]}>
          <Select options={domains.map((d) => ({ value: d.code, label: d.name }))} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="level1" label="一级事项" rules={[{ required: true, whitespace: true, message: '请填写一级事项' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="level2" label="二级事项" rules={[{ required: true, whitespace: true, message: '请填写二级事项（没有细分的，可与一级事项相同）' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="elements" label="公开内容（要素）" extra="每行一项" rules={[{ required: true, whitespace: true, message: '请至少填写一项公开内容' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="bases"
          label="公开依据"
          extra="每行一条，如：《中华人民共和国政府信息公开条例》第二十条"
          rules={local ? [{ required: true, whitespace: true, message: '请写明公开依据' }] : []}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="timeRule" label="公开时限" rules={[{ required: true, whitespace: true, message: '请填写公开时限' }]} extra={TIME_RULE_HINT}>
          <Input maxLength={200} placeholder="信息形成或者变更之日起20个工作日内" />
        </Form.Item>
        <Form.Item name="displayRule" label="公示期" extra={DISPLAY_RULE_HINT}>
          <Input maxLength={200} placeholder="公示不少于7个工作日" />
        </Form.Item>
        <Form.Item name="subject" label="公开主体" rules={[{ required: true, whitespace: true, message: '请填写公开主体' }]}>
          <Input maxLength={200} placeholder="如：县级民政部门、乡镇人民政府（街道办事处）" />
        </Form.Item>
        <Form.Item label="公开渠道和载体" required extra="勾选使用的渠道；打开开关为“必选”（■），关闭为“可选”（□）">
          <div role="group" aria-label="公开渠道和载体">
            {CHANNELS.map((ch) => {
              const use = channels.find((c) => c.channel === ch);
              return (
                <div key={ch} style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '2px 0' }}>
                  <Checkbox checked={!!use} onChange={(e) => toggleChannel(ch, e.target.checked)} style={{ minWidth: 260 }}>
                    {ch}
                  </Checkbox>
                  {use && (
                    <Switch
                      size="small"
                      checked={use.required}
                      checkedChildren="必选"
                      unCheckedChildren="可选"
                      aria-label={`${ch} 必选`}
                      onChange={(req) => setChannels((cs) => cs.map((c) => (c.channel === ch ? { ...c, required: req } : c)))}
                    />
                  )}
                </div>
              );
            })}
          </div>
        </Form.Item>
        <Form.Item name="audience" label="公开对象">
          <Radio.Group
            options={[
              { value: 'public', label: '全社会' },
              { value: 'specific', label: '特定群体' },
            ]}
          />
        </Form.Item>
        <Form.Item name="mode" label="公开方式">
          <Radio.Group
            options={[
              { value: 'proactive', label: '主动公开' },
              { value: 'on_request', label: '依申请公开' },
            ]}
          />
        </Form.Item>
        {!local && (
          <Form.Item name="levels" label="公开层级">
            <Checkbox.Group
              options={[
                { value: 'county', label: '县级' },
                { value: 'township', label: '乡级' },
                { value: 'village', label: '村级' },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item name="source" label="来源" extra="这一行出自哪个文件、哪一页（供核对）">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
