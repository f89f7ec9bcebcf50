import { useState, type Key } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  Tree,
  Typography,
} from 'antd';
import type { TreeDataNode } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { CHILD_KINDS, UNIT_KIND_LABELS, type OrgUnit, type UnitDetail } from './api.ts';
import { errorText, patch, post, type Page } from '../../lib/http.ts';
import { LoadFailed, apiQuery, queryClient, useApi } from '../../lib/query.tsx';
import { useSave } from '../../lib/save.tsx';
import { isAdmin } from '../auth/api.ts';
import { useSession } from '../../lib/session.ts';

function unitTitle(u: OrgUnit) {
  return (
    <span>
      {u.name}
      {!u.active && (
        <Tag color="default" style={{ marginInlineStart: 6 }}>
          已撤销
        </Tag>
      )}
      {u.isDemo && (
        <Tag color="orange" style={{ marginInlineStart: 6 }}>
          演示
        </Tag>
      )}
    </span>
  );
}

function toNode(u: OrgUnit): TreeDataNode {
  return { key: u.code, title: unitTitle(u), isLeaf: (u.childCount ?? 0) === 0 };
}

/** The tree from the loaded levels: a unit whose children were read shows them (an empty read makes it a leaf). */
function toNodes(units: OrgUnit[], childrenOf: Map<string, OrgUnit[]>): TreeDataNode[] {
  return units.map((u) => {
    const kids = childrenOf.get(u.code);
    return kids ? { ...toNode(u), children: toNodes(kids, childrenOf), isLeaf: kids.length === 0 } : toNode(u);
  });
}

const unitsRead = (query: Record<string, string | number | boolean>) => apiQuery<Page<OrgUnit>>(['org', 'units'], '/api/v1/org-units', query);

const blank = (s: string | undefined | null) => (s && s.trim() ? s.trim() : null);

interface UnitForm {
  name: string;
  kind?: string;
  code?: string;
  divisionCode?: string;
  address?: string;
  postalCode?: string;
  phone?: string;
  email?: string;
  officeHours?: string;
  note?: string;
}

function ContactFields() {
  return (
    <>
      <Form.Item label="办公地址" name="address">
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label="联系电话" name="phone">
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="邮政编码" name="postalCode" rules={[{ pattern: /^\d{6}$/, message: '邮政编码为 6 位数字' }]}>
            <Input maxLength={6} inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="电子邮箱" name="email" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item label="办公时间" name="officeHours">
        <Input maxLength={200} placeholder="如：工作日 8:30-12:00，14:00-17:30" />
      </Form.Item>
      <Form.Item label="备注" name="note">
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
    </>
  );
}

export function OrgPage() {
  const { user } = useSession();
  const admin = isAdmin(user);
  const { message, modal } = App.useApp();

  const [includeAbolished, setIncludeAbolished] = useState(false);
  // Opened and loaded tree nodes; null until the user changes them: the county is open from the start.
  const [openedKeys, setExpandedKeys] = useState<Key[] | null>(null);
  const [readKeys, setLoadedKeys] = useState<Key[] | null>(null);
  const [query, setQuery] = useState('');
  const [picked, setSelected] = useState<string | null>(null);

  const rootRead = useApi<Page<OrgUnit>>(['org', 'units'], '/api/v1/org-units', { kind: 'county', includeAbolished, limit: 50 });
  const root = rootRead.data?.items[0];
  // Open the county so the towns and departments are visible straight away.
  const rootKeys = root && (root.childCount ?? 0) > 0 ? [root.code] : [];
  const loadedKeys = readKeys ?? rootKeys;
  const expandedKeys = openedKeys ?? rootKeys;
  const selected = picked ?? root?.code ?? null;
  const childQuery = (code: string) => unitsRead({ parent: code, includeAbolished, limit: 500 });
  // Every loaded level is a read of its own, so a save (which marks reads stale) refreshes the whole shown tree.
  const levels = useQueries({ queries: loadedKeys.map((k) => childQuery(String(k))) });
  const childrenOf = new Map<string, OrgUnit[]>();
  loadedKeys.forEach((k, i) => {
    const items = levels[i]?.data?.items;
    if (items) childrenOf.set(String(k), items);
  });
  const treeData = toNodes(rootRead.data?.items ?? [], childrenOf);
  const rootLevel = root ? levels[loadedKeys.indexOf(root.code)] : undefined;
  const treeLoading = rootRead.isPending || (rootKeys.length > 0 && rootLevel?.isPending === true);

  const search = useApi<Page<OrgUnit>>(
    ['org', 'units'],
    query.trim() ? '/api/v1/org-units' : null,
    { q: query.trim(), includeAbolished, limit: 50 },
    {
      keepPrevious: true,
    },
  );
  const results = query.trim() ? search.data : undefined;

  const detailRead = useApi<UnitDetail>(['org', 'unit'], selected ? `/api/v1/org-units/${encodeURIComponent(selected)}` : null, undefined, {
    keepPrevious: true,
  });
  const detail = detailRead.data ?? null;

  const [dialog, setDialog] = useState<'add' | 'edit' | 'abolish' | null>(null);
  const save = useSave({ toast: true });
  const [form] = Form.useForm<UnitForm>();
  const [abolishForm] = Form.useForm<{ abolishedOn: Dayjs; reason: string }>();

  const toggleAbolished = (on: boolean) => {
    setIncludeAbolished(on);
    setLoadedKeys(null);
    setExpandedKeys(null);
  };

  const openAdd = () => {
    if (!detail) return;
    form.resetFields();
    form.setFieldsValue({ kind: CHILD_KINDS[detail.unit.kind]?.[0] });
    setDialog('add');
  };

  const openEdit = () => {
    if (!detail) return;
    const u = detail.unit;
    form.resetFields();
    form.setFieldsValue({
      name: u.name,
      address: u.contact.address ?? undefined,
      postalCode: u.contact.postalCode ?? undefined,
      phone: u.contact.phone ?? undefined,
      email: u.contact.email ?? undefined,
      officeHours: u.contact.officeHours ?? undefined,
      note: u.note ?? undefined,
    });
    setDialog('edit');
  };

  const openAbolish = () => {
    abolishForm.resetFields();
    setDialog('abolish');
  };

  const saveUnit = async () => {
    if (!detail) return;
    const v = await form.validateFields();
    const contact = {
      address: blank(v.address),
      postalCode: blank(v.postalCode),
      phone: blank(v.phone),
      email: blank(v.email),
      officeHours: blank(v.officeHours),
      note: blank(v.note),
    };
    if (dialog === 'add') {
      const parent = detail.unit.code;
      await save.run(async () => {
        const created = await post<OrgUnit>('/api/v1/org-units', {
          name: v.name.trim(),
          kind: v.kind,
          parentCode: parent,
          divisionCode: blank(v.divisionCode),
          ...(blank(v.code) ? { code: blank(v.code) } : {}),
          ...contact,
        });
        message.success(`已新增：${created.name}`);
        setDialog(null);
        // Open the parent (its level is read again) and show the new unit so contact details can be checked straight away.
        const withParent = (keys: Key[] | null) => {
          const k = keys ?? rootKeys;
          return k.includes(parent) ? k : [...k, parent];
        };
        setLoadedKeys(withParent);
        setExpandedKeys(withParent);
        setSelected(created.code);
      });
    } else {
      const ok = await save.run(() => patch<OrgUnit>(`/api/v1/org-units/${encodeURIComponent(detail.unit.code)}`, { name: v.name.trim(), ...contact }));
      if (ok) {
        message.success('已保存');
        setDialog(null);
      }
    }
  };

  const confirmAbolish = async () => {
    if (!detail) return;
    const v = await abolishForm.validateFields();
    const unit = detail.unit;
    const date = v.abolishedOn.format('YYYY-MM-DD');
    modal.confirm({
      title: `确定撤销“${unit.name}”？`,
      content: `撤销日期 ${date}。撤销后保留历史记录，但不能再新增公开事项。此操作会记入审计日志。`,
      okText: '确定撤销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        if (await save.run(() => post<OrgUnit>(`/api/v1/org-units/${encodeURIComponent(unit.code)}/abolish`, { abolishedOn: date, reason: v.reason.trim() }))) {
          message.success(`已撤销：${unit.name}`);
          setDialog(null);
        }
      },
    });
  };

  const u = detail?.unit;
  const childKinds = u ? (CHILD_KINDS[u.kind] ?? []) : [];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card
          title="单位树"
          extra={
            <Space>
              <label htmlFor="org-include-abolished">含已撤销</label>
              <Switch id="org-include-abolished" size="small" checked={includeAbolished} onChange={toggleAbolished} />
            </Space>
          }
        >
          <Input.Search
            placeholder="输入单位名称、拼音或代码搜索"
            aria-label="搜索单位"
            allowClear
            enterButton="搜索"
            loading={search.isFetching}
            onSearch={setQuery}
            style={{ marginBottom: 12 }}
          />
          {query.trim() !== '' && <LoadFailed query={search} what="搜索结果" style={{ marginBottom: 12 }} />}
          {results && (
            <div style={{ marginBottom: 12 }}>
              <Space style={{ marginBottom: 4 }}>
                <Typography.Text type="secondary">
                  “{query}”共 {results.total} 个结果{results.total > results.items.length ? `，显示前 ${results.items.length} 个` : ''}
                </Typography.Text>
                <Button size="small" type="link" onClick={() => setQuery('')}>
                  清除
                </Button>
              </Space>
              <List
                size="small"
                bordered
                dataSource={results.items}
                locale={{ emptyText: '没有找到匹配的单位' }}
                style={{ maxHeight: 260, overflow: 'auto' }}
                renderItem={(item) => (
                  <List.Item style={{ cursor: 'pointer', background: item.code === selected ? '#fff1f0' : undefined }}>
                    <Typography.Link onClick={() => setSelected(item.code)}>{unitTitle(item)}</Typography.Link>
                    <Typography.Text type="secondary">{UNIT_KIND_LABELS[item.kind] ?? item.kind}</Typography.Text>
                  </List.Item>
                )}
              />
            </div>
          )}
          {rootRead.isError ? (
            <LoadFailed query={rootRead} what="单位树" />
          ) : treeLoading ? (
            <Spin />
          ) : (
            <Tree
              treeData={treeData}
              loadedKeys={loadedKeys}
              expandedKeys={expandedKeys}
              onExpand={(keys) => setExpandedKeys(keys)}
              onLoad={(keys) => setLoadedKeys(keys)}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
              loadData={async (node) => {
                try {
                  await queryClient.fetchQuery(childQuery(String(node.key)));
                } catch (err) {
                  message.error(errorText(err));
                  throw err;
                }
              }}
              showLine
              blockNode
              height={560}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card
          title={u ? unitTitle(u) : '单位详情'}
          extra={
            admin && u && u.active ? (
              <Space wrap>
                {childKinds.length > 0 && (
                  <Button icon={<PlusOutlined />} onClick={openAdd}>
                    新增下级
                  </Button>
                )}
                <Button icon={<EditOutlined />} onClick={openEdit}>
                  修改
                </Button>
                {u.kind !== 'county' && (
                  <Button danger icon={<StopOutlined />} onClick={openAbolish}>
                    撤销
                  </Button>
                )}
              </Space>
            ) : null
          }
        >
          {detailRead.isError ? (
            <LoadFailed query={detailRead} what="单位详情" />
          ) : !detail ? (
            detailRead.isFetching ? (
              <Spin />
            ) : (
              <Empty description="请在左侧选择单位" />
            )
          ) : (
            <Spin spinning={detailRead.isFetching}>
              {detail.ancestors.length > 0 && (
                <Typography.Paragraph type="secondary">
                  {detail.ancestors.map((a) => a.name).join(' / ')} / {detail.unit.name}
                </Typography.Paragraph>
              )}
              <Descriptions column={{ xs: 1, sm: 1, md: 2 }} bordered size="small" styles={{ label: { whiteSpace: 'nowrap', width: 88 } }}>
                <Descriptions.Item label="单位名称" span={2}>
                  {detail.unit.name}
                  {detail.unit.isDemo && (
                    <Tag color="orange" style={{ marginInlineStart: 8 }}>
                      演示（名称未经核实）
                    </Tag>
                  )}
                  {!detail.unit.active && <Tag style={{ marginInlineStart: 8 }}>已撤销{detail.unit.abolishedOn ? `（${detail.unit.abolishedOn}）` : ''}</Tag>}
                </Descriptions.Item>
                <Descriptions.Item label="类型">{detail.kindLabel}</Descriptions.Item>
                <Descriptions.Item label="单位编码">
                  <Typography.Text code copyable>
                    {detail.unit.code}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label="区划代码">
                  {detail.unit.divisionCode ?? <Typography.Text type="secondary">无官方代码</Typography.Text>}
                </Descriptions.Item>
                <Descriptions.Item label="下级单位">{detail.children.length} 个</Descriptions.Item>
                <Descriptions.Item label="办公地址" span={2}>
                  {detail.unit.contact.address ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label="联系电话">{detail.unit.contact.phone ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="邮政编码">{detail.unit.contact.postalCode ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="电子邮箱">{detail.unit.contact.email ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="办公时间">{detail.unit.contact.officeHours ?? '—'}</Descriptions.Item>
                {detail.unit.establishedOn && <Descriptions.Item label="设立日期">{detail.unit.establishedOn}</Descriptions.Item>}
                <Descriptions.Item label="数据来源" span={2}>
                  {detail.unit.source ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label="备注" span={2}>
                  {detail.unit.note ?? '—'}
                </Descriptions.Item>
              </Descriptions>
              {detail.children.length > 0 && (
                <>
                  <Typography.Title level={5} style={{ marginTop: 16 }}>
                    下级单位
                  </Typography.Title>
                  <Space wrap>
                    {detail.children.map((c) => (
                      <Button key={c.code} size="small" onClick={() => setSelected(c.code)}>
                        {c.name}
                        {!c.active && '（已撤销）'}
                      </Button>
                    ))}
                  </Space>
                </>
              )}
            </Spin>
          )}
        </Card>
      </Col>

      <Modal
        open={dialog === 'add' || dialog === 'edit'}
        title={dialog === 'add' ? `在“${u?.name ?? ''}”下新增单位` : `修改“${u?.name ?? ''}”`}
        okText="保存"
        cancelText="取消"
        confirmLoading={save.busy}
        onOk={() => void saveUnit().catch(() => undefined)}
        onCancel={() => setDialog(null)}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item label="单位名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }]}>
            <Input maxLength={80} />
          </Form.Item>
          {dialog === 'add' && (
            <>
              <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
                <Select options={childKinds.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] ?? k }))} />
              </Form.Item>
              <Form.Item
                label="区划代码（可不填）"
                name="divisionCode"
                extra="统计用区划代码：乡镇 9 位、村（社区）12 位数字；没有官方代码的单位不填。"
                rules={[{ pattern: /^(\d{6}|\d{9}|\d{12})$/, message: '区划代码为 9 位或 12 位数字' }]}
              >
                <Input maxLength={12} inputMode="numeric" />
              </Form.Item>
              <Form.Item
                label="单位编码"
                name="code"
                dependencies={['divisionCode']}
                extra="系统内部使用的编码，只能用字母、数字和“-”，如 dept-tjj；填了区划代码的可不填（自动使用区划代码）。"
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: string | undefined) => {
                      const v = value?.trim() ?? '';
                      if (!v && getFieldValue('divisionCode')) return Promise.resolve();
                      if (!v) return Promise.reject(new Error('没有区划代码时请填写单位编码'));
                      return /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/.test(v) ? Promise.resolve() : Promise.reject(new Error('只能用字母、数字和“-”，2–64 位'));
                    },
                  }),
                ]}
              >
                <Input maxLength={64} />
              </Form.Item>
            </>
          )}
          <ContactFields />
        </Form>
      </Modal>

      <Modal
        open={dialog === 'abolish'}
        title={`撤销“${u?.name ?? ''}”`}
        okText="下一步"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onOk={() => void confirmAbolish().catch(() => undefined)}
        onCancel={() => setDialog(null)}
        forceRender
      >
        <Alert type="warning" showIcon title="撤销用于行政区划调整、机构改革等情况。撤销后单位保留在历史记录中。" style={{ marginBottom: 16 }} />
        <Form form={abolishForm} layout="vertical">
          <Form.Item label="撤销日期" name="abolishedOn" rules={[{ required: true, message: '请选择撤销日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="撤销原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写撤销原因' }]}>
            <Input.TextArea maxLength={500} rows={3} placeholder="如：根据县政府文件，并入某某镇" />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}
