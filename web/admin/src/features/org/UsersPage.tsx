import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { MinusCircleOutlined, PlusOutlined, ReloadOutlined, UserAddOutlined } from '@ant-design/icons';
import { del, errorText, formatTime, post, type Page } from '../../lib/http.ts';
import { useApi } from '../../lib/query.tsx';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { useSave } from '../../lib/save.tsx';
import { type User } from '../auth/api.ts';
import type { RoleList } from './api.ts';
import type { NewUserView, TemporaryPasswordView } from '../../../../../src/modules/org/org.schemas.ts';
import { SecretModal, UnitSelect } from '../../lib/components.tsx';
import { useSession } from '../../lib/session.ts';

interface CreateForm {
  username: string;
  displayName: string;
  password?: string;
  phone?: string;
  roles: { role?: string; unitCode?: string }[];
}

export function UsersPage() {
  const { user: me } = useSession();
  const { message, modal } = App.useApp();
  const [q, setQ] = useState('');
  const paging = usePaging();
  const users = useApi<Page<User>>(['org', 'users'], '/api/v1/users', { q: q.trim() || undefined, ...paging.limits }, { keepPrevious: true });
  const roles = useApi<RoleList>(['org', 'roles'], '/api/v1/roles');
  useEffect(() => {
    if (roles.isError) message.error(errorText(roles.error));
  }, [roles.isError, roles.error, message]);

  const [creating, setCreating] = useState(false);
  const [assignFor, setAssignFor] = useState<User | null>(null);
  const saving = useSave({ toast: true });
  const [secret, setSecret] = useState<{ title: string; label: string; value: string } | null>(null);
  const [createForm] = Form.useForm<CreateForm>();
  const [assignForm] = Form.useForm<{ role: string; unitCode: string }>();

  const roleOptions = (roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.label }));

  const openCreate = () => {
    createForm.resetFields();
    createForm.setFieldsValue({ roles: [{}] });
    setCreating(true);
  };

  const submitCreate = async () => {
    const v = await createForm.validateFields();
    await saving.run(async () => {
      const res = await post<NewUserView>('/api/v1/users', {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        ...(v.password ? { password: v.password } : {}),
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
        roles: v.roles.map((r) => ({ role: r.role, unitCode: r.unitCode })),
      });
      setCreating(false);
      message.success(`已新增用户：${res.user.displayName}`);
      if (res.initialPassword) {
        setSecret({ title: `${res.user.displayName} 的初始密码`, label: `用户名 ${res.user.username}，首次登录后须修改密码`, value: res.initialPassword });
      }
    });
  };

  const submitAssign = async () => {
    if (!assignFor) return;
    const v = await assignForm.validateFields();
    await saving.run(async () => {
      await post<User>(`/api/v1/users/${assignFor.id}/roles`, v);
      message.success('已分配角色');
      setAssignFor(null);
    });
  };

  const removeRole = (u: User, assignmentId: string, label: string) => {
    modal.confirm({
      title: `移除 ${u.displayName} 的角色？`,
      content: label,
      okText: '移除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        if (await saving.run(() => del<User>(`/api/v1/users/${u.id}/roles/${assignmentId}`))) message.success('已移除角色');
      },
    });
  };

  const toggleDisabled = (u: User) => {
    const disabling = !u.disabled;
    modal.confirm({
      title: disabling ? `停用 ${u.displayName}（${u.username}）？` : `启用 ${u.displayName}（${u.username}）？`,
      content: disabling ? '停用后该账号立即退出登录，访问令牌全部失效，不能再登录。' : '启用后该账号可以重新登录。',
      okText: disabling ? '停用' : '启用',
      okButtonProps: { danger: disabling },
      cancelText: '取消',
      onOk: async () => {
        if (await saving.run(() => post<User>(`/api/v1/users/${u.id}/${disabling ? 'disable' : 'enable'}`))) message.success(disabling ? '已停用' : '已启用');
      },
    });
  };

  const resetPassword = (u: User) => {
    modal.confirm({
      title: `重置 ${u.displayName}（${u.username}）的密码？`,
      content: '系统将生成一个临时密码，原密码立即失效。对方用临时密码登录后须修改密码。',
      okText: '重置密码',
      cancelText: '取消',
      onOk: () =>
        saving.run(async () => {
          const res = await post<TemporaryPasswordView>(`/api/v1/users/${u.id}/reset-password`);
          setSecret({ title: `${u.displayName} 的临时密码`, label: `用户名 ${u.username}，登录后须修改密码`, value: res.temporaryPassword });
        }),
    });
  };

  const columns: TableColumnsType<User> = [
    {
      title: '姓名',
      dataIndex: 'displayName',
      render: (_, u) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{u.displayName}</Typography.Text>
          <Typography.Text type="secondary">{u.username}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '角色与单位',
      dataIndex: 'roles',
      render: (_, u) => (
        <Space wrap size={[4, 4]}>
          {u.roles.map((r) => (
            <Tag
              key={r.id ?? `${r.role}-${r.unitCode}`}
              color={r.role === 'county_admin' ? 'red' : 'blue'}
              closable={!!r.id && u.roles.length > 1}
              closeIcon={<span aria-label={`移除角色 ${r.roleLabel}`}>×</span>}
              onClose={(e) => {
                e.preventDefault();
                if (r.id) removeRole(u, r.id, `${r.unitName} · ${r.roleLabel}`);
              }}
            >
              {r.unitName} · {r.roleLabel}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'disabled',
      width: 110,
      render: (_, u) => (
        <Space orientation="vertical" size={2}>
          {u.disabled ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}
          {u.mustChangePassword && <Tag color="orange">待改密码</Tag>}
        </Space>
      ),
    },
    { title: '上次登录', dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => formatTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 270,
      render: (_, u) => (
        <Space wrap size={4}>
          <Button
            size="small"
            onClick={() => {
              assignForm.resetFields();
              setAssignFor(u);
            }}
          >
            分配角色
          </Button>
          <Button size="small" onClick={() => resetPassword(u)}>
            重置密码
          </Button>
          {u.id !== me.id && (
            <Button size="small" danger={!u.disabled} onClick={() => toggleDisabled(u)}>
              {u.disabled ? '启用' : '停用'}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="用户与角色"
      extra={
        <Button type="primary" icon={<UserAddOutlined />} onClick={openCreate}>
          新增用户
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="搜索用户"
          placeholder="用户名或姓名"
          allowClear
          enterButton="搜索"
          onSearch={(v) => {
            paging.setPage(1);
            setQ(v);
          }}
          style={{ width: 280 }}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void users.refetch()}>
          刷新
        </Button>
      </Space>
      <PagedTable<User>
        query={users}
        what="用户"
        paging={paging}
        unit="人"
        sizeChanger
        rowKey="id"
        columns={columns}
        scroll={{ x: 800 }}
        locale={{ emptyText: '没有用户' }}
      />

      <Modal
        open={creating}
        title="新增用户"
        okText="创建"
        cancelText="取消"
        confirmLoading={saving.busy}
        onOk={() => void submitCreate().catch(() => undefined)}
        onCancel={() => setCreating(false)}
        forceRender
        width={640}
      >
        <Form form={createForm} layout="vertical" autoComplete="off">
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                label="用户名（登录用）"
                name="username"
                rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
                extra="建议用姓名拼音，如 zhang.san"
              >
                <Input maxLength={40} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item label="初始密码（可不填）" name="password" extra="不填则由系统生成随机密码，创建后显示一次">
                <Input.Password maxLength={200} autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item label="手机号（可不填）" name="phone">
                <Input maxLength={30} inputMode="tel" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>角色与单位</Typography.Text>
          <Form.List name="roles">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row gutter={8} key={field.key} align="top" style={{ marginTop: 8 }}>
                    <Col xs={24} sm={10}>
                      <Form.Item name={[field.name, 'role']} label="角色" rules={[{ required: true, message: '请选择角色' }]}>
                        <Select options={roleOptions} placeholder="选择角色" />
                      </Form.Item>
                    </Col>
                    <Col xs={20} sm={12}>
                      <Form.Item name={[field.name, 'unitCode']} label="单位" rules={[{ required: true, message: '请选择单位' }]}>
                        <UnitSelect />
                      </Form.Item>
                    </Col>
                    <Col xs={4} sm={2} style={{ paddingTop: 30 }}>
                      {fields.length > 1 && <Button type="text" aria-label="删除这一行" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />}
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                  再加一个角色
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>

      <Modal
        open={!!assignFor}
        title={`为 ${assignFor?.displayName ?? ''} 分配角色`}
        okText="分配"
        cancelText="取消"
        confirmLoading={saving.busy}
        onOk={() => void submitAssign().catch(() => undefined)}
        onCancel={() => setAssignFor(null)}
        forceRender
      >
        <Form form={assignForm} layout="vertical">
          <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={roleOptions} placeholder="选择角色" />
          </Form.Item>
          <Form.Item label="单位" name="unitCode" rules={[{ required: true, message: '请选择单位' }]} extra="角色对所选单位及其全部下级单位有效">
            <UnitSelect />
          </Form.Item>
        </Form>
      </Modal>

      <SecretModal open={!!secret} title={secret?.title ?? ''} label={secret?.label ?? ''} secret={secret?.value ?? null} onClose={() => setSecret(null)} />
    </Card>
  );
}
