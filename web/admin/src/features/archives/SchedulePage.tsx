/**
 * 分类方案: the county's 归档范围和保管期限表 (classes, their periods, which catalogue items each receives, the basis)
 * and the archive settings (loan days, board inspection period, rectification days, the rules posted in the storage
 * and reading areas). Everyone in the archive reads them; the county office or an archivist at the county edits
 * (archives.policy.ts canEditSchedule — the server decides).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { formatTime, put } from '../../lib/http.ts';
import { useSession } from '../../lib/session.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import type { UnitDetail } from '../org/api.ts';
import { SCHEDULE_ROLES, type ArchiveSettings, type ClassView, type ScheduleView } from './api.ts';

/** Whether the user may edit: one of the roles held at the county (the root unit, which has no ancestors). */
function useCanEdit(): boolean {
  const { user } = useSession();
  const grant = user.roles.find((g) => g.role === 'county_admin') ?? user.roles.find((g) => SCHEDULE_ROLES.includes(g.role));
  const unit = useApi<UnitDetail>(['archives', 'org'], grant ? `/api/v1/org-units/${encodeURIComponent(grant.unitCode)}` : null, undefined, {
    staleTime: 300_000,
  });
  return !!grant && unit.data?.ancestors.length === 0;
}

type ClassForm = Omit<ClassView, 'retentionLabel' | 'updatedAt' | 'updatedBy'>;

function ClassModal({
  cls,
  isNew,
  retentions,
  onClose,
}: {
  cls: ClassForm | null;
  isNew: boolean;
  retentions: ScheduleView['retentions'];
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ClassForm>();
  const save = useSave();
  const submit = async (v: ClassForm) => {
    const { code, ...body } = v;
    const ok = await save.run(() =>
      put(`/api/v1/archives/schedule/classes/${encodeURIComponent(code.trim())}`, {
        ...body,
        note: body.note?.trim() || null,
        itemKeys: body.itemKeys ?? [],
      }),
    );
    if (!ok) return;
    message.success(`已保存类别 ${code}`);
    onClose();
  };
  const close = () => {
    save.clear();
    onClose();
  };
  return (
    <Modal
      title={isNew ? '新增档案类别' : `修改档案类别 ${cls?.code ?? ''}`}
      open={!!cls}
      onCancel={close}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.busy}
      width={640}
      destroyOnHidden
    >
      {cls && (
        <Form<ClassForm> form={form} layout="vertical" initialValues={cls} onFinish={(v) => void submit(v)} preserve={false}>
          <Space size={16} wrap>
            <Form.Item name="code" label="类别代码" rules={[{ required: true, whitespace: true, message: '请填写类别代码' }]}>
              <Input maxLength={16} disabled={!isNew} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="name" label="类别名称" rules={[{ required: true, whitespace: true, message: '请填写类别名称' }]}>
              <Input maxLength={60} style={{ width: 260 }} />
            </Form.Item>
          </Space>
          <Space size={16} wrap>
            <Form.Item name="retention" label="保管期限" rules={[{ required: true, message: '请选择保管期限' }]}>
              <Select style={{ width: 140 }} options={retentions.map((r) => ({ value: r.id, label: r.label }))} />
            </Form.Item>
            <Form.Item name="sortOrder" label="排序" rules={[{ required: true, message: '请填写排序' }]}>
              <InputNumber min={0} max={100000} />
            </Form.Item>
            <Form.Item name="active" label="启用" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="basis" label="依据" rules={[{ required: true, whitespace: true, message: '请写明依据' }]}>
            <Input.TextArea maxLength={300} rows={2} />
          </Form.Item>
          <Form.Item name="itemKeys" label="归入本类的公开目录事项（事项代码，回车添加）">
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input maxLength={300} />
          </Form.Item>
          <SaveError save={save} />
        </Form>
      )}
    </Modal>
  );
}

function ClassesTab({ canEdit }: { canEdit: boolean }) {
  const schedule = useApi<ScheduleView>(['archives', 'schedule'], '/api/v1/archives/schedule');
  const [editing, setEditing] = useState<{ cls: ClassForm; isNew: boolean } | null>(null);
  const columns: TableColumnsType<ClassView> = [
    { title: '代码', dataIndex: 'code', width: 70 },
    {
      title: '类别',
      dataIndex: 'name',
      width: 200,
      render: (v: string, r) => (
        <>
          {v} {!r.active && <Tag>已停用</Tag>}
        </>
      ),
    },
    { title: '保管期限', dataIndex: 'retentionLabel', width: 90 },
    { title: '依据', dataIndex: 'basis' },
    { title: '归入事项', dataIndex: 'itemKeys', width: 200, render: (v: string[]) => (v.length ? v.map((k) => <Tag key={k}>{k}</Tag>) : '—') },
    { title: '备注', dataIndex: 'note', width: 180, render: (v: string | null) => v ?? '' },
    { title: '修改', dataIndex: 'updatedAt', width: 150, render: (v: string, r) => `${formatTime(v)}${r.updatedBy ? ` ${r.updatedBy}` : ''}` },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'op',
            width: 80,
            render: (_: unknown, r: ClassView) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ cls: r, isNew: false })}>
                修改
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <QueryState query={schedule} what="归档范围和保管期限表">
      {(data) => (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
            <Typography.Text>本表依据：{data.source}</Typography.Text>
            {canEdit && (
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  setEditing({
                    isNew: true,
                    cls: {
                      code: '',
                      name: '',
                      retention: 'permanent',
                      basis: '',
                      itemKeys: [],
                      sortOrder: (data.classes.length + 1) * 10,
                      active: true,
                      note: null,
                    },
                  })
                }
              >
                新增类别
              </Button>
            )}
          </Space>
          <Table<ClassView> rowKey="code" size="middle" columns={columns} dataSource={data.classes} pagination={false} scroll={{ x: 1000 }} />
          <ClassModal cls={editing?.cls ?? null} isNew={!!editing?.isNew} retentions={data.retentions} onClose={() => setEditing(null)} />
        </Space>
      )}
    </QueryState>
  );
}

type SettingsForm = Omit<ArchiveSettings, 'storageRules' | 'readingRules'> & { storageRules: string; readingRules: string };

function SettingsTab({ canEdit }: { canEdit: boolean }) {
  const { message } = App.useApp();
  const settings = useApi<ArchiveSettings>(['archives', 'settings'], '/api/v1/archives/settings');
  const save = useSave();
  const lines = (s: string) =>
    s
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const submit = async (v: SettingsForm) => {
    if (await save.run(() => put('/api/v1/archives/settings', { ...v, storageRules: lines(v.storageRules), readingRules: lines(v.readingRules) })))
      message.success('档案设置已保存');
  };
  return (
    <QueryState query={settings} what="档案设置">
      {(s) =>
        canEdit ? (
          <Form<SettingsForm>
            layout="vertical"
            style={{ maxWidth: 720 }}
            initialValues={{ ...s, storageRules: s.storageRules.join('\n'), readingRules: s.readingRules.join('\n') }}
            onFinish={(v) => void submit(v)}
          >
            <Form.Item
              name="scheduleSource"
              label="归档范围和保管期限表的依据（县级文件）"
              rules={[{ required: true, whitespace: true, message: '请填写依据' }]}
            >
              <Input maxLength={500} />
            </Form.Item>
            <Space size={16} wrap>
              <Form.Item name="loanDays" label="档案借出超过几天提醒" rules={[{ required: true, message: '请填写天数' }]}>
                <InputNumber min={1} max={365} />
              </Form.Item>
              <Form.Item name="inspectionIntervalDays" label="公开栏巡查周期（天）" rules={[{ required: true, message: '请填写天数' }]}>
                <InputNumber min={7} max={730} />
              </Form.Item>
              <Form.Item name="rectifyWorkingDays" label="公开栏整改期限（工作日）" rules={[{ required: true, message: '请填写天数' }]}>
                <InputNumber min={1} max={120} />
              </Form.Item>
            </Space>
            <Form.Item
              name="storageRules"
              label="档案库房制度（每行一条，印在库房标识牌上）"
              rules={[{ required: true, whitespace: true, message: '请至少写一条' }]}
            >
              <Input.TextArea rows={5} />
            </Form.Item>
            <Form.Item
              name="readingRules"
              label="查阅须知（每行一条，印在查阅点标识牌上）"
              rules={[{ required: true, whitespace: true, message: '请至少写一条' }]}
            >
              <Input.TextArea rows={5} />
            </Form.Item>
            <SaveError save={save} style={{ marginBottom: 12 }} />
            <Button type="primary" htmlType="submit" loading={save.busy}>
              保存设置
            </Button>
          </Form>
        ) : (
          <Descriptions bordered column={1} size="small">
            <Descriptions.Item label="保管期限表依据">{s.scheduleSource}</Descriptions.Item>
            <Descriptions.Item label="借出提醒">{s.loanDays} 天</Descriptions.Item>
            <Descriptions.Item label="公开栏巡查周期">{s.inspectionIntervalDays} 天</Descriptions.Item>
            <Descriptions.Item label="公开栏整改期限">{s.rectifyWorkingDays} 个工作日</Descriptions.Item>
            <Descriptions.Item label="档案库房制度">
              {s.storageRules.map((r) => (
                <div key={r}>{r}</div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="查阅须知">
              {s.readingRules.map((r) => (
                <div key={r}>{r}</div>
              ))}
            </Descriptions.Item>
          </Descriptions>
        )
      }
    </QueryState>
  );
}

export function SchedulePage() {
  const canEdit = useCanEdit();
  return (
    <Card>
      <Typography.Title level={3} style={{ margin: 0 }}>
        档案分类方案
      </Typography.Title>
      {!canEdit && <Alert type="info" showIcon style={{ marginTop: 12 }} title="分类方案和档案设置由县级（县政府办或县档案管理员）维护，这里可以查看。" />}
      <Tabs
        style={{ marginTop: 8 }}
        destroyOnHidden
        items={[
          { key: 'classes', label: '归档范围和保管期限表', children: <ClassesTab canEdit={canEdit} /> },
          { key: 'settings', label: '档案设置', children: <SettingsTab canEdit={canEdit} /> },
        ]}
      />
    </Card>
  );
}
