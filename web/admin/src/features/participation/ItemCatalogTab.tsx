/**
 * 公众参与事项目录 (admin): the working list of the units in the user's scope (add, change, withdraw with a reason)
 * and publishing it as the next numbered version, which is what the public page shows. Items past their planned
 * time without a consultation are flagged.
 */
import { useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { post, put } from '../../lib/http.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { UnitSelect } from '../../lib/components.tsx';
import { PARTICIPATION_METHODS, type ItemList, type ItemRow, type PublishedVersion } from './api.ts';
import { FormDialog } from '../../lib/form-dialog.tsx';
import { useSave } from '../../lib/save.tsx';
import { demo } from './shared.tsx';

interface ItemForm {
  unitCode: string;
  name: string;
  reason: string;
  methods: string[];
  plannedOn: Dayjs;
}

function ItemModal({ editing, onClose }: { editing: ItemRow | 'new'; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemForm>();
  const save = useSave();
  const isNew = editing === 'new';
  const submit = async (v: ItemForm) => {
    const body = { name: v.name, reason: v.reason, methods: v.methods, plannedOn: v.plannedOn.format('YYYY-MM-DD') };
    const saved = await save.run(() =>
      editing === 'new'
        ? post('/api/v1/participation/items', { unitCode: v.unitCode, ...body })
        : put(`/api/v1/participation/items/${encodeURIComponent(editing.id)}`, body),
    );
    if (saved) {
      message.success('已保存。发布目录后公众才能看到这项变动');
      onClose();
    }
  };
  const initial =
    editing && editing !== 'new'
      ? { name: editing.name, reason: editing.reason, methods: editing.methods, plannedOn: dayjs(editing.plannedOn) }
      : { methods: ['public_consultation'] };
  return (
    <FormDialog title={isNew ? '添加公众参与事项' : '修改公众参与事项'} okText="保存" form={form} save={save} onSubmit={submit} onClose={onClose}>
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        {isNew ? (
          <Form.Item name="unitCode" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitSelect />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label="决策事项" rules={[{ required: true, whitespace: true, message: '请填写事项名称' }]}>
          <Input maxLength={200} placeholder="如：泗阳县××管理办法（修订）" />
        </Form.Item>
        <Form.Item name="reason" label="听取公众意见的理由" rules={[{ required: true, whitespace: true, message: '请说明理由' }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="methods" label="参与方式" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种方式' }]}>
          <Checkbox.Group options={PARTICIPATION_METHODS.map((m) => ({ value: m.code, label: m.label }))} />
        </Form.Item>
        <Form.Item name="plannedOn" label="计划征求意见的时间" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

export function ItemCatalogTab({ canEdit }: { canEdit: boolean }) {
  const { message, modal } = App.useApp();
  const q = useApi<ItemList>(['participation', 'items'], '/api/v1/participation/items');
  const [editing, setEditing] = useState<ItemRow | 'new' | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const save = useSave({ toast: true });

  const withdraw = (r: ItemRow) => {
    let reason = '';
    modal.confirm({
      title: `撤回事项“${r.name}”`,
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>撤回后，已公布过的事项会在以后的目录中标注“已撤回”和理由。</Typography.Text>
          <Input.TextArea aria-label="撤回理由" rows={3} maxLength={1000} onChange={(e) => (reason = e.target.value)} placeholder="撤回理由" />
        </Space>
      ),
      okText: '撤回',
      onOk: async () => {
        // A refusal (e.g. no reason) shows as a message and keeps the confirmation open.
        if (!(await save.run(() => post(`/api/v1/participation/items/${encodeURIComponent(r.id)}/withdraw`, { reason })))) throw new Error('refused');
        message.success('事项已撤回');
      },
    });
  };
  const publish = async (unitCode: string) => {
    setBusy(unitCode);
    let version = 0;
    const done = await save.run(async () => {
      version = (await post<PublishedVersion>(`/api/v1/participation/item-lists/${encodeURIComponent(unitCode)}/publish`, {})).version;
    });
    setBusy(null);
    if (done) message.success(`已发布第${version}版目录`);
  };

  const columns: TableColumnsType<ItemRow> = [
    {
      title: '决策事项',
      dataIndex: 'name',
      render: (t: string, r) => (
        <>
          {t} {demo(r.isDemo)}
        </>
      ),
    },
    { title: '单位', dataIndex: 'unitName', responsive: ['md'] },
    { title: '参与方式', dataIndex: 'methodsText', responsive: ['lg'] },
    { title: '计划时间', dataIndex: 'plannedOn' },
    {
      title: '进展',
      render: (_, r) =>
        r.withdrawnAt ? (
          <Tag>已撤回</Tag>
        ) : r.consultedOn ? (
          <Tag color="green">{r.consultedOn}起征求意见</Tag>
        ) : r.overdue ? (
          <Tag color="red">计划时间已过，尚未征求意见</Tag>
        ) : (
          <Tag color="blue">待开展</Tag>
        ),
    },
    {
      title: '操作',
      render: (_, r) =>
        canEdit && !r.withdrawnAt ? (
          <Space wrap>
            <Button size="small" onClick={() => setEditing(r)}>
              修改
            </Button>
            <Button size="small" danger onClick={() => withdraw(r)}>
              撤回
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canEdit ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          添加事项
        </Button>
      ) : null}
      <QueryState query={q} what="公众参与事项目录">
        {(d) => (
          <>
            {d.lists.map((l) => (
              <Alert
                key={l.unitCode}
                type={l.unpublishedChanges ? 'warning' : 'info'}
                showIcon
                message={
                  <Space wrap>
                    <span>
                      {l.unitName}：{l.version ? `已发布第${l.version}版` : '目录尚未发布'}
                      {l.unpublishedChanges ? '，有尚未发布的变动' : ''}
                    </span>
                    {canEdit && l.unpublishedChanges ? (
                      <Button size="small" type="primary" loading={busy === l.unitCode} onClick={() => publish(l.unitCode)}>
                        发布目录
                      </Button>
                    ) : null}
                    {l.version ? (
                      <Button size="small" href={`/participation/items?unit=${encodeURIComponent(l.unitCode)}`} target="_blank">
                        公开页
                      </Button>
                    ) : null}
                  </Space>
                }
              />
            ))}
            <Table rowKey="id" columns={columns} dataSource={d.items} pagination={{ pageSize: 20 }} locale={{ emptyText: '目录中还没有事项' }} />
          </>
        )}
      </QueryState>
      {editing ? <ItemModal editing={editing} onClose={() => setEditing(null)} /> : null}
    </Space>
  );
}
