import { Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { post } from '../../lib/http.ts';
import { SaveError, useSave } from '../../lib/save.tsx';
import type { LoginAnswer, LoginBody, User } from './api.ts';

export function LoginPage({ onLogin }: { onLogin: (user: User, csrfToken: string) => void }) {
  const login = useSave();

  const submit = (values: LoginBody) =>
    login.run(async () => {
      const res = await post<LoginAnswer>('/api/v1/auth/login', { username: values.username.trim(), password: values.password });
      onLogin(res.user, res.csrfToken);
    });

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <main>
          <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
            Gongkai 公开
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            政务公开与村（居）务公开 · 管理后台
          </Typography.Paragraph>
          <SaveError save={login} style={{ marginBottom: 16 }} />
          <Form layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
            <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={login.busy}>
              登录
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
            忘记密码请联系县政府办管理员重置。
          </Typography.Paragraph>
        </main>
      </Card>
    </div>
  );
}
