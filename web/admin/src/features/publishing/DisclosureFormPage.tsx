import { useMemo, useState } from 'react';
import { chinaToday } from '../../lib/china-day.ts';
import { Alert, App, Button, Card, Checkbox, DatePicker, Empty, Form, Input, Radio, Result, Select, Space, Steps, Tag, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined, DownloadOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { patch, post, upload } from '../../lib/http.ts';
import { LoadFailed, QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.ts';
import type { ItemView as CatalogItem, UnitCatalogAnswer as UnitCatalog } from '../../../../../src/modules/catalog/catalog.schemas.ts';
import type { RecipientListType as ListType } from '../../../../../src/modules/publishing/data/recipient-lists.ts';
import type { StaffAttachment } from '../../../../../src/modules/publishing/data/data.queries.ts';
import type { FinanceStatementUpload, RecipientListUpload } from '../../../../../src/modules/publishing/disclosure.responses.ts';
import {
  FINANCE_ITEM,
  LIST_ITEM,
  PiiPanel,
  abilities,
  usePiiScan,
  draftingUnits,
  featureError,
  htmlToText,
  periodText,
  shortItemName,
  textToHtml,
  type Detail,
  type Obligation,
  type StaffView,
} from './shared.tsx';

type Freq = 'yearly' | 'quarterly' | 'monthly' | 'event';

function frequencyOf(item: CatalogItem | null, busyFinance: boolean): Freq {
  if (!item || item.timeRule.kind !== 'recurring') return 'event';
  const f = item.timeRule.frequency;
  if (f === 'finance_adaptive') return busyFinance ? 'monthly' : 'quarterly';
  return (f as Freq) ?? 'event';
}

function periodOf(d: Dayjs, f: Freq): string {
  if (f === 'yearly') return d.format('YYYY');
  if (f === 'quarterly') return `${d.format('YYYY')}-Q${Math.floor(d.month() / 3) + 1}`;
  return d.format('YYYY-MM');
}

function dayjsOfPeriod(p: string): Dayjs | null {
  const q = /^(\d{4})-Q([1-4])$/.exec(p);
  if (q) return dayjs(`${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}-01`);
  if (/^\d{4}-\d{2}$/.test(p)) return dayjs(`${p}-01`);
  if (/^\d{4}$/.test(p)) return dayjs(`${p}-01-01`);
  return null;
}

const itemLabel = (i: CatalogItem) => i.level2;

/** A small upload panel for one optional endpoint; shows a plain error when the server lacks it. */
function UploadPanel({
  title,
  help,
  path,
  accept,
  extra,
  fields,
  what,
}: {
  title: string;
  help: string;
  path: string | null;
  accept: string;
  extra?: React.ReactNode;
  fields?: () => Record<string, string>;
  what: string;
}) {
  const { message } = App.useApp();
  const save = useSave();
  const [done, setDone] = useState<string | null>(null);
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {help}
      </Typography.Paragraph>
      <Space wrap>
        {extra}
        <Upload
          accept={accept}
          showUploadList={false}
          disabled={!path}
          customRequest={async ({ file }) => {
            if (!path) return;
            setDone(null);
            const form = new FormData();
            for (const [k, v] of Object.entries(fields?.() ?? {})) form.append(k, v);
            form.append('file', file as File);
            await save.run(async () => {
              const res = await upload<FinanceStatementUpload | RecipientListUpload | StaffAttachment>(path, form).catch((err: unknown) => {
                throw new Error(featureError(err, what));
              });
              const dropped = res && 'dropped' in res && res.dropped.length ? `；已去掉不应公开的列：${res.dropped.join('、')}` : '';
              setDone(`已上传：${(file as File).name}${dropped}`);
              message.success('上传成功');
            });
          }}
        >
          <Button icon={<UploadOutlined />} loading={save.busy} disabled={!path} size="large">
            选择文件上传
          </Button>
        </Upload>
      </Space>
      {!path && <Alert style={{ marginTop: 8 }} type="info" showIcon title="请先点下方“保存草稿”，再上传文件。" />}
      <SaveError save={save} style={{ marginTop: 8, whiteSpace: 'pre-line' }} />
      {done && <Alert style={{ marginTop: 8 }} type="success" showIcon title={done} />}
    </Card>
  );
}

interface Content {
  title: string;
  formedOn: Dayjs;
  docNo?: string;
  text: string;
  channels: string[];
}

/** New draft (`?unit=&item=&period=` preset it, e.g. from 我的待办), or `?id=` to change an own draft. */
export function DisclosureFormPage() {
  const { user } = useSession();
  const editId = useMemo(() => new URLSearchParams(window.location.search).get('id'), []);
  const detail = useApi<Detail>(['publishing', 'disclosure'], editId ? `/api/v1/disclosures/${editId}` : null);
  if (!editId) {
    if (draftingUnits(user).length === 0) {
      return (
        <Result
          status="info"
          title="您不负责起草公开内容"
          subTitle="公开内容由村（社区）经办人或单位经办人起草。您可以在“公开内容”中查看，或在“审核队列”中审核。"
          extra={<Button onClick={() => navigate('/disclosures')}>查看公开内容</Button>}
        />
      );
    }
    return <DisclosureForm initial={null} />;
  }
  // The form starts once from the loaded draft; later refetches (every save marks reads stale) leave the typing alone.
  return (
    <QueryState query={detail} what="这份草稿">
      {(d) => (d.staff ? <DisclosureForm initial={d.staff} /> : <Alert type="error" showIcon title="只能修改本单位的草稿" />)}
    </QueryState>
  );
}

function DisclosureForm({ initial }: { initial: StaffView | null }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const params = useMemo(() => new URLSearchParams(window.location.search), []);
  const units = draftingUnits(user);
  const [step, setStep] = useState(initial ? 1 : 0);
  const [unitCode, setUnitCode] = useState<string | undefined>(initial?.unit.code ?? params.get('unit') ?? units[0]?.code);
  const [itemKey, setItemKey] = useState<string | undefined>((initial ? initial.itemKey : params.get('item')) ?? undefined);
  const [period, setPeriod] = useState<string | undefined>((initial ? initial.period : params.get('period')) ?? undefined);
  const [eventDate, setEventDate] = useState<Dayjs>(chinaToday());
  /** The draft being written: the loaded one, or the one the first 保存草稿 created (its answer carries the id). */
  const [record, setRecord] = useState<StaffView | null>(initial);
  const save = useSave({ toast: true });
  // The personal-data check of the saved draft (the step-3 panel shows the same check): 提交审核 waits for no open hit.
  const piiScan = usePiiScan(step === 2 ? record : null);
  const unresolved = piiScan.data?.unresolved ?? null;
  const [listType, setListType] = useState('dibao');
  const listTypes = useApi<ListType[]>(['publishing', 'recipient-list-types'], '/api/v1/publishing/recipient-list-types', undefined, {
    staleTime: Infinity,
  });
  const [form] = Form.useForm<Content>();

  const unitPath = unitCode ? `/api/v1/units/${encodeURIComponent(unitCode)}` : null;
  const catalogRead = useApi<UnitCatalog>(['catalog', 'unit'], unitPath && `${unitPath}/catalog`);
  const catalog = catalogRead.data ?? null;
  // The obligations only pre-fill the period: without them the period starts at today's.
  const obligationsRead = useApi<Obligation[]>(['catalog', 'obligations'], unitPath && `${unitPath}/obligations`, {
    from: chinaToday().subtract(200, 'day').format('YYYY-MM-DD'),
    to: chinaToday().add(90, 'day').format('YYYY-MM-DD'),
  });
  const obligations = obligationsRead.data ?? [];

  const allItems = useMemo(() => (catalog ? [...catalog.items, ...catalog.localItems] : []), [catalog]);
  const item = allItems.find((i) => i.key === itemKey) ?? null;
  const freq = frequencyOf(item, catalog?.busyFinance ?? false);
  const unitName = catalog?.unitName ?? units.find((u) => u.code === unitCode)?.name ?? '';
  const ability = abilities(user, catalog?.catalog ?? 'village');

  const chooseItem = (key: string) => {
    setItemKey(key);
    const it = allItems.find((i) => i.key === key);
    const f = frequencyOf(it ?? null, catalog?.busyFinance ?? false);
    if (f === 'event') {
      setPeriod(undefined);
      return;
    }
    // Pre-fill from the obligations: the next one due, else the latest one.
    const today = chinaToday().format('YYYY-MM-DD');
    const mine = obligations.filter((o) => o.itemKey === key && /^\d{4}/.test(o.period)).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    const next = mine.find((o) => o.dueDate >= today) ?? mine.at(-1);
    setPeriod(next?.period ?? periodOf(chinaToday(), f));
  };

  const grouped = useMemo(() => {
    const m = new Map<string, CatalogItem[]>();
    for (const i of allItems) m.set(i.domainName || i.level1, [...(m.get(i.domainName || i.level1) ?? []), i]);
    return [...m.entries()].map(([label, rows]) => ({ label, options: rows.map((i) => ({ value: i.key, label: itemLabel(i) })) }));
  }, [allItems]);

  const toStep2 = () => {
    if (!item) return;
    if (!record) {
      const title = `${unitName}${periodText(period)}${shortItemName(item.level2)}公开`;
      form.setFieldsValue({
        title,
        formedOn: freq === 'event' ? eventDate : chinaToday(),
        channels: item.channels.filter((c) => c.required).map((c) => c.channel),
        text: form.getFieldValue('text'),
      });
    }
    setStep(1);
  };

  /** Creates the draft or saves the changes; true when saved. */
  const saveDraft = async (): Promise<boolean> => {
    let v: Content;
    try {
      v = await form.validateFields();
    } catch {
      return false;
    }
    const body = {
      title: v.title.trim(),
      formedOn: v.formedOn.format('YYYY-MM-DD'),
      docNo: v.docNo?.trim() || null,
      body: textToHtml(v.text),
      channels: v.channels,
    };
    return save.run(async () => {
      const saved = record
        ? await patch<StaffView>(`/api/v1/disclosures/${record.id}`, { ...body, itemKey: itemKey ?? null, period: period ?? null })
        : await post<StaffView>('/api/v1/disclosures', { unitCode, ...body, itemKey, period });
      setRecord(saved);
    });
  };

  const submit = async () => {
    if (!record) return;
    if (await save.run(() => post(`/api/v1/disclosures/${record.id}/submit`))) {
      message.success(catalog?.catalog === 'government' ? '已提交，等待保密审查' : '已提交，等待村务监督委员会审核');
      navigate(`/disclosures/${record.id}`);
    }
  };

  const pickerType = freq === 'yearly' ? 'year' : freq === 'quarterly' ? 'quarter' : 'month';
  const channelOptions = item?.channels.map((c) => ({ value: c.channel, label: c.required ? `${c.channel}（必选）` : c.channel })) ?? [];
  const extraChannels = (record?.channels ?? []).filter((c) => !channelOptions.some((o) => o.value === c)).map((c) => ({ value: c, label: c }));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {record ? `修改：${record.title}` : '新建公开'}
        </Typography.Title>
        <Steps current={step} items={[{ title: '选择事项' }, { title: '填写内容' }, { title: '检查与提交' }]} />
      </Card>

      {record?.status === 'returned' && (
        <Alert
          type="error"
          showIcon
          title="这份内容被退回了，请按意见修改后重新提交"
          description={[...record.steps].reverse().find((s) => s.action === 'reject')?.comment ?? ''}
        />
      )}

      {step === 0 && (
        <Card title="第一步：选择要公开的事项">
          <Form layout="vertical" style={{ maxWidth: 720 }}>
            <Form.Item label="单位" required>
              <Select
                id="unit"
                size="large"
                value={unitCode}
                onChange={(v: string) => {
                  setUnitCode(v);
                  setItemKey(undefined);
                  setPeriod(undefined);
                }}
                options={units.map((u) => ({ value: u.code, label: u.name }))}
              />
            </Form.Item>
            <LoadFailed query={catalogRead} what="本单位的公开目录" />
            <Form.Item
              label="公开事项"
              required
              help={item ? `${item.timeRuleText}${item.displayRuleText ? `；${item.displayRuleText}` : ''}` : '按类别列出本单位目录中的事项'}
            >
              <Select
                id="item"
                size="large"
                loading={catalogRead.isPending && unitPath !== null}
                value={itemKey}
                onChange={chooseItem}
                options={grouped}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择事项，可输入文字查找"
                notFoundContent={<Empty description="没有找到" />}
              />
            </Form.Item>
            {item && freq !== 'event' && (
              <Form.Item label={`公开期间（${freq === 'yearly' ? '年度' : freq === 'quarterly' ? '季度' : '月份'}）`} required>
                <Space wrap>
                  <DatePicker
                    id="period"
                    size="large"
                    picker={pickerType}
                    allowClear={false}
                    value={period ? dayjsOfPeriod(period) : null}
                    onChange={(d) => d && setPeriod(periodOf(d, freq))}
                  />
                  <Tag color="blue">{periodText(period)}</Tag>
                </Space>
              </Form.Item>
            )}
            {item && freq === 'event' && (
              <Form.Item label="事项发生日期" required help="会议召开、文件形成或事情发生的日期">
                <DatePicker
                  id="event-date"
                  size="large"
                  allowClear={false}
                  value={eventDate}
                  onChange={(d) => d && setEventDate(d)}
                  disabledDate={(d) => d.isAfter(chinaToday(), 'day')}
                />
              </Form.Item>
            )}
            <Button type="primary" size="large" icon={<ArrowRightOutlined />} disabled={!item || (freq !== 'event' && !period)} onClick={toStep2}>
              下一步：填写内容
            </Button>
          </Form>
        </Card>
      )}

      {/* Always mounted (hidden outside step 2) so the form keeps its values and can be filled when editing. */}
      {
        <Card title="第二步：填写公开内容" style={step === 1 ? undefined : { display: 'none' }}>
          <Form
            form={form}
            layout="vertical"
            style={{ maxWidth: 860 }}
            initialValues={
              initial
                ? {
                    title: initial.title,
                    formedOn: dayjs(initial.formedOn),
                    docNo: initial.docNo ?? undefined,
                    text: htmlToText(initial.bodyHtml),
                    channels: initial.channels,
                  }
                : { formedOn: chinaToday(), channels: [], text: '' }
            }
          >
            <Form.Item
              name="title"
              label="标题"
              rules={[
                { required: true, whitespace: true, message: '请填写标题' },
                { max: 200, message: '标题不能超过200字' },
              ]}
            >
              <Input size="large" maxLength={200} />
            </Form.Item>
            <Space wrap size={24}>
              <Form.Item name="formedOn" label="生成日期" rules={[{ required: true, message: '请选择日期' }]} help="这份材料形成（写好、会议通过）的日期">
                <DatePicker size="large" allowClear={false} disabledDate={(d) => d.isAfter(chinaToday(), 'day')} />
              </Form.Item>
              <Form.Item name="docNo" label="文号（没有可不填）">
                <Input size="large" maxLength={100} style={{ width: 240 }} />
              </Form.Item>
            </Space>
            <Form.Item
              name="text"
              label="正文"
              rules={[{ required: true, whitespace: true, message: '请填写正文' }]}
              help="每一行是一段。身份证号、手机号等个人信息会在下一步检查并遮盖。"
            >
              <Input.TextArea
                rows={12}
                style={{ fontSize: 16, lineHeight: 1.8 }}
                placeholder={'例如：\n2026年11月20日，卜湖社区召开村民代表会议，应到35人，实到32人。\n会议表决通过了以下事项：……'}
              />
            </Form.Item>

            {FINANCE_ITEM(item) && (
              <UploadPanel
                title="上传财务收支明细表"
                what="财务收支明细表上传"
                help="先下载模板，在 Excel 里按说明填写每一笔收入和支出，填好后上传。系统会核对期初余额 + 收入 − 支出 = 期末余额。"
                accept=".xlsx"
                path={record ? `/api/v1/disclosures/${record.id}/finance-statement` : null}
                extra={
                  <Button
                    size="large"
                    icon={<DownloadOutlined />}
                    disabled={!period}
                    onClick={async () => {
                      const url = `/api/v1/publishing/templates/finance.xlsx?unit=${encodeURIComponent(unitCode ?? '')}&period=${encodeURIComponent(period ?? '')}`;
                      const res = await fetch(url, { credentials: 'same-origin' });
                      if (!res.ok) {
                        message.error(res.status === 404 ? '下载模板功能尚未开通（服务器没有提供这个接口），请联系系统管理员。' : `下载失败（${res.status}）`);
                        return;
                      }
                      const a = document.createElement('a');
                      a.href = URL.createObjectURL(await res.blob());
                      a.download = `${unitName}${periodText(period)}财务收支明细表.xlsx`;
                      a.click();
                      URL.revokeObjectURL(a.href);
                    }}
                  >
                    下载模板
                  </Button>
                }
              />
            )}
            {LIST_ITEM(item) && (
              <UploadPanel
                title="上传名单"
                what="名单上传"
                help="上传 Excel 名单。身份证号、银行卡号、电话等不应公开的列会自动去掉。"
                accept=".xlsx"
                path={record ? `/api/v1/disclosures/${record.id}/recipient-list` : null}
                fields={() => ({ listType })}
                extra={
                  <Radio.Group
                    aria-label="名单类型"
                    value={listType}
                    onChange={(e) => setListType(e.target.value as string)}
                    options={(listTypes.data ?? []).map((t) => ({
                      value: t.key,
                      label: t.label,
                      title: `只公开：${t.columns.map((c) => c.header).join('、')}`,
                    }))}
                    optionType="button"
                  />
                }
              />
            )}
            <UploadPanel
              title="附件（可不传）"
              what="附件上传"
              help="会议记录、批复文件等，支持 PDF、Word、Excel、图片。"
              accept=".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"
              path={record ? `/api/v1/disclosures/${record.id}/attachments` : null}
            />

            <Form.Item name="channels" label="公开渠道" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个渠道' }]}>
              <Checkbox.Group options={[...channelOptions, ...extraChannels]} />
            </Form.Item>
            <Space wrap>
              {!initial && (
                <Button size="large" icon={<ArrowLeftOutlined />} onClick={() => setStep(0)}>
                  上一步
                </Button>
              )}
              <Button
                size="large"
                loading={save.busy}
                onClick={async () => {
                  if (await saveDraft()) message.success('草稿已保存');
                }}
              >
                保存草稿
              </Button>
              <Button
                type="primary"
                size="large"
                icon={<ArrowRightOutlined />}
                loading={save.busy}
                onClick={async () => {
                  if (await saveDraft()) setStep(2);
                }}
              >
                下一步：检查个人信息
              </Button>
            </Space>
          </Form>
        </Card>
      }

      {step === 2 && record && (
        <Card title="第三步：检查个人信息，然后提交审核">
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <PiiPanel record={record} canAllow={ability.senior} />
            <Space wrap>
              <Button size="large" icon={<ArrowLeftOutlined />} onClick={() => setStep(1)}>
                返回修改
              </Button>
              <Button type="primary" size="large" icon={<SendOutlined />} disabled={unresolved !== 0} loading={save.busy} onClick={() => void submit()}>
                提交审核
              </Button>
            </Space>
            {unresolved !== null && unresolved > 0 && <Typography.Text type="secondary">处理完上面的个人信息后才能提交。</Typography.Text>}
          </Space>
        </Card>
      )}
    </Space>
  );
}
