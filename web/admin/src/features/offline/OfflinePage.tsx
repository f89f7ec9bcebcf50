/**
 * 线下公开 (offline channels, issue 19 §2): one screen, reads through the query cache (lib/query.tsx) — registered
 * places (政务公开专区 / 便民服务点) with photo and retirement, 致村(居)民一封信 batches, 明白纸 and 广播稿 of a published
 * record, and the unit's 办事一本通.
 */
import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { PlusOutlined, PrinterOutlined, UploadOutlined } from '@ant-design/icons';
import { errorText, formatTime, post, put, upload, type Page } from '../../lib/http.ts';
import { LoadFailed, QueryState, useApi } from '../../lib/query.tsx';
import { useSession } from '../../lib/session.ts';
import { OwnUnitPicker, type ListItem } from '../publishing/shared.tsx';
import type { Broadcast, Leaflet, ServicePoint, ServicePointInput } from '../../../../../src/modules/offline/offline.schemas.ts';
import { LIMITS, SERVICE_POINT_KINDS } from '../../../../../src/modules/offline/offline.rules.ts';

/** The dialog's fields: the request body, with the services typed one a line. */
type PointForm = Omit<ServicePointInput, 'services' | 'phone'> & { services: string; phone?: string };

const open = (url: string) => window.open(url, '_blank', 'noopener');
const KINDS = (['service_point', 'zone'] as const).map((value) => ({ value, label: SERVICE_POINT_KINDS[value] }));

function usePublished(unit: string | undefined): ListItem[] {
  const q = useApi<Page<ListItem>>(['offline', 'published'], unit ? '/api/v1/disclosures' : null, { unit, status: 'published', limit: 200 });
  return (q.data?.items ?? []).filter((i) => i.unitCode === unit);
}

function PointsTab({ unit }: { unit: string | undefined }) {
  const { message } = App.useApp();
  const points = useApi<ServicePoint[]>(['offline', 'service-points'], '/api/v1/offline/service-points');
  const [editing, setEditing] = useState<ServicePoint | 'new' | null>(null);
  const [retiring, setRetiring] = useState<ServicePoint | null>(null);
  const [reason, setReason] = useState('');
  const [form] = Form.useForm<PointForm>();
  const startEdit = (p: ServicePoint | 'new') => {
    setEditing(p);
    form.setFieldsValue(
      p === 'new'
        ? { kind: 'service_point', name: '', place: '', hours: '', services: '', phone: '' }
        : { kind: p.kind, name: p.name, place: p.place, hours: p.hours, services: p.services.join('\n'), phone: p.phone ?? '' },
    );
  };
  const save = async () => {
    const v = await form.validateFields();
    const body: ServicePointInput = {
      kind: v.kind,
      name: v.name,
      place: v.place,
      hours: v.hours,
      services: v.services
        .split(/[\n、,，]/)
        .map((s) => s.trim())
        .filter(Boolean),
      phone: v.phone?.trim() || null,
    };
    try {
      if (editing === 'new') await post(`/api/v1/units/${encodeURIComponent(unit ?? '')}/service-points`, body);
      else if (editing) await put(`/api/v1/offline/service-points/${editing.id}`, body);
      message.success('已保存');
      setEditing(null);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const retire = async () => {
    if (!retiring) return;
    try {
      await post(`/api/v1/offline/service-points/${retiring.id}/retire`, { reason });
      message.success('已停用');
      setRetiring(null);
      setReason('');
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const photo = async (p: ServicePoint, file: File) => {
    const fd = new FormData();
    fd.append('file', file);
    try {
      await upload(`/api/v1/offline/service-points/${p.id}/photo`, fd);
      message.success('照片已上传');
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} disabled={!unit} onClick={() => startEdit('new')}>
        登记服务点
      </Button>
      <QueryState query={points} what="服务点">
        {(all) => (
          <Table<ServicePoint>
            rowKey="id"
            dataSource={all.filter((p) => !unit || p.unit.code === unit)}
            pagination={false}
            scroll={{ x: true }}
            columns={[
              {
                title: '名称',
                render: (_, p) => (
                  <Space>
                    {p.name}
                    {p.isDemo && <Tag color="gold">演示</Tag>}
                    {p.retiredAt && <Tag>已停用</Tag>}
                  </Space>
                ),
              },
              { title: '类型', dataIndex: 'kindText' },
              { title: '地点', dataIndex: 'place' },
              { title: '开放时间', dataIndex: 'hours' },
              { title: '可办理', render: (_, p) => p.services.join('、') },
              {
                title: '照片',
                render: (_, p) =>
                  p.photoUrl ? (
                    <a href={p.photoUrl} target="_blank" rel="noreferrer">
                      查看
                    </a>
                  ) : (
                    '无'
                  ),
              },
              {
                title: '操作',
                render: (_, p) =>
                  p.retiredAt ? (
                    <Typography.Text type="secondary">{`停用原因：${p.retiredReason ?? ''}`}</Typography.Text>
                  ) : (
                    <Space wrap>
                      <Button size="small" onClick={() => startEdit(p)}>
                        修改
                      </Button>
                      <Upload
                        accept="image/png,image/jpeg"
                        showUploadList={false}
                        beforeUpload={(file) => {
                          void photo(p, file);
                          return false;
                        }}
                      >
                        <Button size="small" icon={<UploadOutlined />}>
                          上传照片
                        </Button>
                      </Upload>
                      <Button size="small" danger onClick={() => setRetiring(p)}>
                        停用
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '登记政务公开专区或便民服务点' : '修改服务点'}
        okText="保存"
        cancelText="取消"
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
            <Select options={KINDS} />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
            <Input maxLength={LIMITS.name} />
          </Form.Item>
          <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
            <Input maxLength={LIMITS.place} />
          </Form.Item>
          <Form.Item name="hours" label="开放时间" rules={[{ required: true, message: '请填写开放时间' }]}>
            <Input maxLength={LIMITS.hours} placeholder="如 工作日 8:30—17:30" />
          </Form.Item>
          <Form.Item name="services" label="可办理的服务（每行一项）" rules={[{ required: true, message: '请至少填写一项' }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item name="phone" label="办公电话（不要填写个人手机号码）">
            <Input maxLength={30} placeholder="如 0527-85588123" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={retiring !== null}
        title={`停用 ${retiring?.name ?? ''}`}
        okText="停用"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onOk={() => void retire()}
        onCancel={() => setRetiring(null)}
      >
        <Typography.Paragraph>停用后不再在网站、公开指南和办事一本通中列出，记录和停用原因保留。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={LIMITS.retireReason} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="停用原因" />
      </Modal>
    </Space>
  );
}

function LetterTab({ unit }: { unit: string | undefined }) {
  const published = usePublished(unit);
  const [sources, setSources] = useState<string[]>([]);
  const [villages, setVillages] = useState('');
  const url = `/api/v1/offline/letters.pdf?unit=${encodeURIComponent(unit ?? '')}&sources=${sources.map(encodeURIComponent).join(',')}${villages.trim() ? `&villages=${encodeURIComponent(villages.trim())}` : ''}`;
  return (
    <Form layout="vertical" style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">
        以本单位名义给村（居）民写一封信：选择一到五条已发布的内容（政策文件也可以），系统按大字排版，附网上原文二维码。落款单位是乡镇（街道）的，每个村（社区）各印一份。
      </Typography.Paragraph>
      <Form.Item label="写进信里的内容">
        <Select
          mode="multiple"
          maxCount={5}
          value={sources}
          onChange={setSources}
          options={published.map((p) => ({ value: p.id, label: p.title }))}
          placeholder="选择已发布的内容"
          optionFilterProp="label"
        />
      </Form.Item>
      <Form.Item label="只印给这些村（社区）（编码，逗号分隔；不填则按上面的规则）">
        <Input value={villages} onChange={(e) => setVillages(e.target.value)} />
      </Form.Item>
      <Button type="primary" size="large" icon={<PrinterOutlined />} disabled={!unit || sources.length === 0} onClick={() => open(url)}>
        生成并打印
      </Button>
    </Form>
  );
}

function LeafletBroadcastTab({ unit }: { unit: string | undefined }) {
  const { message } = App.useApp();
  const published = usePublished(unit);
  const [id, setId] = useState<string | undefined>();
  const [leaflet, setLeaflet] = useState<{ title: string; body: string }>({ title: '', body: '' });
  const [text, setText] = useState('');
  const leaflets = useApi<Leaflet[]>(['offline', 'leaflets'], id ? '/api/v1/offline/leaflets' : null, { unit });
  const broadcastQ = useApi<Broadcast>(['offline', 'broadcast'], id ? `/api/v1/offline/broadcasts/${id}` : null);
  const broadcast = broadcastQ.data ?? null;
  // The editors start from what is saved (or generated) for the chosen record; a refetch after saving refills them.
  const savedLeaflet = leaflets.data?.find((x) => x.disclosureId === id);
  const savedTitle = savedLeaflet?.title ?? '';
  const savedBody = savedLeaflet?.body ?? '';
  useEffect(() => setLeaflet({ title: savedTitle, body: savedBody }), [id, savedTitle, savedBody]);
  const savedText = broadcast?.text;
  useEffect(() => {
    if (savedText !== undefined) setText(savedText);
  }, [id, savedText]);
  const saveLeaflet = async () => {
    try {
      await put(`/api/v1/offline/leaflets/${id}`, leaflet);
      message.success('明白纸已保存');
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const saveBroadcast = async () => {
    try {
      await put(`/api/v1/offline/broadcasts/${id}`, { text });
      message.success('广播稿已保存');
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 860 }}>
      <Select
        style={{ width: '100%' }}
        showSearch
        optionFilterProp="label"
        value={id}
        onChange={setId}
        placeholder="选择一条已发布的内容"
        options={published.map((p) => ({ value: p.id, label: p.title }))}
      />
      {id && <LoadFailed query={broadcastQ} what="明白纸和广播稿" />}
      {id && (
        <>
          <Card title="明白纸（一页，通俗易懂，空行分段）" size="small">
            <Form layout="vertical">
              <Form.Item label="标题">
                <Input maxLength={LIMITS.leafletTitle} value={leaflet.title} onChange={(e) => setLeaflet({ ...leaflet, title: e.target.value })} />
              </Form.Item>
              <Form.Item label="正文">
                <Input.TextArea
                  rows={8}
                  maxLength={LIMITS.leafletBody}
                  showCount
                  value={leaflet.body}
                  onChange={(e) => setLeaflet({ ...leaflet, body: e.target.value })}
                />
              </Form.Item>
              <Space>
                <Button type="primary" onClick={() => void saveLeaflet()}>
                  保存明白纸
                </Button>
                <Button icon={<PrinterOutlined />} onClick={() => open(`/api/v1/offline/leaflets/${id}/print.pdf`)}>
                  打印
                </Button>
              </Space>
            </Form>
          </Card>
          <Card
            title="广播稿"
            size="small"
            extra={broadcast?.edited ? <Tag color="blue">{`已编辑 ${formatTime(broadcast.updatedAt)}`}</Tag> : <Tag>按公告生成</Tag>}
          >
            <Input.TextArea rows={8} maxLength={LIMITS.broadcast} showCount value={text} onChange={(e) => setText(e.target.value)} />
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" onClick={() => void saveBroadcast()}>
                保存广播稿
              </Button>
              <Button onClick={() => broadcast && setText(broadcast.generated)}>恢复生成的文字</Button>
              <Button icon={<PrinterOutlined />} onClick={() => open(`/api/v1/offline/broadcasts/${id}/print.pdf`)}>
                打印
              </Button>
            </Space>
          </Card>
        </>
      )}
    </Space>
  );
}

export function OfflinePage() {
  const { user } = useSession();
  const [unit, setUnit] = useState<string | undefined>(user.roles[0]?.unitCode);
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        线下公开
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        很多群众不上网：在这里打印一封信、明白纸、广播稿和办事一本通，登记政务公开专区和便民服务点。打印的内容都已遮盖个人信息。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>单位</span>
        <div style={{ minWidth: 300 }}>
          <OwnUnitPicker id="offline-unit" value={unit} onChange={setUnit} />
        </div>
        <Button icon={<PrinterOutlined />} disabled={!unit} onClick={() => open(`/api/v1/units/${encodeURIComponent(unit ?? '')}/service-booklet.pdf`)}>
          办事一本通（PDF）
        </Button>
      </Space>
      <Tabs
        items={[
          { key: 'points', label: '政务公开专区和便民服务点', children: <PointsTab unit={unit} /> },
          { key: 'letter', label: '致村（居）民一封信', children: <LetterTab unit={unit} /> },
          { key: 'leaflet', label: '明白纸和广播稿', children: <LeafletBroadcastTab unit={unit} /> },
        ]}
      />
    </Card>
  );
}
