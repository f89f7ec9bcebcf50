import { useState } from 'react';
import { App, Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { del, formatTime, post } from '../../lib/http.ts';
import { LoadFailed, useApi } from '../../lib/query.tsx';
import { useSave } from '../../lib/save.tsx';
import { SecretModal } from '../../lib/components.tsx';
import type { NewTokenView, TokenListView } from '../../../../../src/modules/org/org.schemas.ts';

type Token = TokenListView['items'][number];

export function TokensPage() {
  const { message, modal } = App.useApp();
  const tokens = useApi<TokenListView>(['auth', 'tokens'], '/api/v1/tokens');
  const creating = useSave({ toast: true });
  const revoking = useSave({ toast: true });
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [form] = Form.useForm<{ name: string }>();

  const create = (v: { name: string }) =>
    creating.run(async () => {
      const res = await post<NewTokenView>('/api/v1/tokens', { name: v.name.trim() });
      setSecret({ name: v.name.trim(), token: res.token });
      form.resetFields();
    });

  const revoke = (t: Token) => {
    modal.confirm({
      title: `撤销令牌“${t.name}”？`,
      content: '撤销后使用此令牌的程序将立即无法访问，且不能恢复。',
      okText: '撤销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        if (await revoking.run(() => del(`/api/v1/tokens/${encodeURIComponent(t.id)}`))) message.success('令牌已撤销');
      },
    });
  };

  const columns: TableColumnsType<Token> = [
    { title: '名称', dataIndex: 'name' },
    { title: '前缀', dataIndex: 'prefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
    { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
    { title: '最近使用', dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatTime(v) : '从未使用') },
    { title: '状态', dataIndex: 'revokedAt', render: (v: string | null) => (v ? <Tag>已撤销</Tag> : <Tag color="green">有效</Tag>) },
    {
      title: '操作',
      key: 'actions',
      render: (_, t) =>
        t.revokedAt ? null : (
          <Button size="small" danger onClick={() => revoke(t)}>
            撤销
          </Button>
        ),
    },
  ];

  return (
    <Card title="访问令牌">
      <Typography.Paragraph type="secondary">
        访问令牌供其他系统（如统计报表程序）调用本平台接口时使用，权限与您的账号相同。令牌创建后只显示一次，请妥善保存；不再使用时请及时撤销。
      </Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(v) => void create(v)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label="令牌名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写用途，如“年报统计”' }]}>
          <Input maxLength={80} placeholder="用途，如：年报统计" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<KeyOutlined />} loading={creating.busy}>
              创建令牌
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <LoadFailed query={tokens} what="访问令牌" style={{ marginBottom: 16 }} />
      <Table<Token>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tokens.data?.items ?? []}
        loading={tokens.isFetching}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: '还没有访问令牌' }}
      />
      <SecretModal
        open={!!secret}
        title={`新令牌“${secret?.name ?? ''}”`}
        label="调用接口时放在请求头 Authorization: Bearer <令牌>"
        secret={secret?.token ?? null}
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
