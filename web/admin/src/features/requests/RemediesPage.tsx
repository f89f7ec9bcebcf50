import { useEffect, useState } from 'react';
import { chinaToday } from '../../lib/china-day.ts';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Popconfirm, Row, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { del, patch, post, type Page } from '../../lib/http.ts';
import { useApi } from '../../lib/query.tsx';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { useSession } from '../../lib/session.ts';
import { UnitPicker } from '../catalog/UnitCatalogPage.tsx';
import type { RemedyView } from '../../../../../src/modules/requests/requests.schemas.ts';

type Remedy = RemedyView;

/** The same codes and labels as request.types.ts (REMEDY_KINDS, REMEDY_RESULTS). */
const KINDS = [
  { value: 'review', label: '行政复议' },
  { value: 'litigation-direct', label: '行政诉讼（未经复议直接起诉）' },
  { value: 'litigation-after-review', label: '行政诉讼（复议后起诉）' },
];
const RESULTS = [
  { value: 'upheld', label: '结果维持' },
  { value: 'corrected', label: '结果纠正' },
  { value: 'other', label: '其他结果' },
  { value: 'pending', label: '尚未审结' },
];
const EDITORS = new Set(['unit_officer', 'unit_reviewer', 'county_admin']);

interface FormValues {
  unitCode: string;
  kind: string;
  caseRef: string;
  body: string;
  filedOn: Dayjs;
  result: string;
  concludedOn?: Dayjs | null;
  requestId?: string;
  note?: string;
}

function RemedyModal({ open, editing, onClose }: { open: boolean; editing: Remedy | null; onClose: (saved: boolean) => void }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const [form] = Form.useForm<FormValues>();
  const saving = useSave();
  const { clear } = saving;
  const result = Form.useWatch('result', form);

  useEffect(() => {
    if (!open) return;
    clear();
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        ...editing,
        filedOn: dayjs(editing.filedOn),
        concludedOn: editing.concludedOn ? dayjs(editing.concludedOn) : null,
        requestId: editing.requestId ?? undefined,
        note: editing.note ?? undefined,
      });
    } else form.setFieldsValue({ unitCode: user.roles.find((r) => EDITORS.has(r.role))?.unitCode, kind: 'review', result: 'pending' });
  }, [open, editing, form, user.roles, clear]);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      kind: v.kind,
      caseRef: v.caseRef,
      body: v.body,
      filedOn: v.filedOn.format('YYYY-MM-DD'),
      result: v.result,
      concludedOn: v.result === 'pending' ? null : (v.concludedOn?.format('YYYY-MM-DD') ?? null),
      requestId: v.requestId?.trim() || null,
      note: v.note?.trim() || null,
    };
    await saving.run(async () => {
      if (editing) await patch(`/api/v1/info-request-remedies/${editing.id}`, body);
      else await post('/api/v1/info-request-remedies', { ...body, unitCode: v.unitCode });
      message.success('已保存');
      onClose(true);
    });
  };

  return (
    <Modal
      open={open}
      title={editing ? '修改复议诉讼记录' : '登记复议诉讼案件'}
      onCancel={() => onClose(false)}
      onOk={submit}
      okText="保存"
      confirmLoading={saving.busy}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="unitCode" label="被申请（被告）单位" rules={[{ required: true, message: '请选择单位' }]}>
          {editing ? <Input disabled value={editing.unitName} /> : <UnitPicker onChange={(c) => form.setFieldValue('unitCode', c)} />}
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label="案件类型" rules={[{ required: true }]}>
              <Select options={KINDS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="caseRef" label="案号" rules={[{ required: true, whitespace: true, message: '请填写复议或诉讼案号' }]}>
              <Input maxLength={100} placeholder="如 泗政复〔2025〕3号" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="body" label="复议机关或审理法院" rules={[{ required: true, whitespace: true, message: '请填写复议机关或审理法院' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="filedOn" label="申请复议或起诉日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(chinaToday(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="result" label="审理结果" rules={[{ required: true }]}>
              <Select options={RESULTS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="concludedOn" label="审结日期" rules={[{ required: result !== 'pending', message: '已审结的案件请填写审结日期' }]}>
              <DatePicker style={{ width: '100%' }} disabled={result === 'pending'} disabledDate={(d) => d.isAfter(chinaToday(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="requestId" label="关联的申请编号（可不填）">
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
      <SaveError save={saving} />
    </Modal>
  );
}

export function RemediesPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const canEdit = user.roles.some((r) => EDITORS.has(r.role));
  const [year, setYear] = useState<number | undefined>(chinaToday().year() - 1);
  const [unitCode, setUnitCode] = useState<string | undefined>();
  const paging = usePaging();
  const setPage = paging.setPage;
  const [modal, setModal] = useState<{ open: boolean; editing: Remedy | null }>({ open: false, editing: null });

  const list = useApi<Page<Remedy>>(['requests', 'remedies'], '/api/v1/info-request-remedies', { year, unitCode, ...paging.limits }, { keepPrevious: true });
  const removing = useSave({ toast: true });

  const remove = async (r: Remedy) => {
    if (await removing.run(() => del(`/api/v1/info-request-remedies/${r.id}`))) message.success('已删除');
  };

  const columns: TableColumnsType<Remedy> = [
    { title: '单位', dataIndex: 'unitName', width: 160 },
    { title: '类型', dataIndex: 'kindLabel', width: 200 },
    { title: '案号', dataIndex: 'caseRef' },
    { title: '复议机关/法院', dataIndex: 'body', width: 160 },
    { title: '申请/起诉日期', dataIndex: 'filedOn', width: 120 },
    {
      title: '结果',
      dataIndex: 'resultLabel',
      width: 100,
      render: (v: string, r) => <Tag color={r.result === 'pending' ? 'gold' : r.result === 'corrected' ? 'red' : 'green'}>{v}</Tag>,
    },
    { title: '审结日期', dataIndex: 'concludedOn', width: 110, render: (v: string | null) => v ?? '—' },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 130,
            render: (_: unknown, r: Remedy) => (
              <Space size="small">
                <Button size="small" onClick={() => setModal({ open: true, editing: r })}>
                  修改
                </Button>
                <Popconfirm title="删除这条误登记的记录？" okText="删除" cancelText="取消" onConfirm={() => remove(r)}>
                  <Button size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const years = Array.from({ length: chinaToday().year() - 2019 + 1 }, (_, i) => chinaToday().year() - i);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        行政复议、行政诉讼
      </Typography.Title>
      <Typography.Text type="secondary">因政府信息公开工作引起的复议、诉讼案件，用于年度报告表四。</Typography.Text>
      <Card size="small">
        <Row gutter={[12, 12]} align="middle">
          <Col xs={24} md={9}>
            <UnitPicker value={unitCode} onChange={(c) => (setUnitCode(c), setPage(1))} />
          </Col>
          <Col xs={12} md={5}>
            <Select
              aria-label="年度"
              allowClear
              placeholder="全部年度"
              value={year}
              onChange={(v) => (setYear(v), setPage(1))}
              options={years.map((y) => ({ value: y, label: `${y}年` }))}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={10} style={{ textAlign: 'right' }}>
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true, editing: null })}>
                登记案件
              </Button>
            )}
          </Col>
        </Row>
      </Card>
      <PagedTable<Remedy>
        query={list}
        what="复议诉讼记录"
        paging={paging}
        unit="件"
        rowKey="id"
        size="small"
        columns={columns}
        scroll={{ x: 900 }}
        locale={{ emptyText: '没有记录' }}
      />
      <RemedyModal
        open={modal.open}
        editing={modal.editing}
        onClose={() => {
          setModal({ open: false, editing: null });
        }}
      />
    </Space>
  );
}
