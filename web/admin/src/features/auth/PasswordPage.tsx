import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { post } from '../../lib/http.ts';
import { SaveError, useSave } from '../../lib/save.tsx';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.ts';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function PasswordPage() {
  const { user, refresh } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const saving = useSave();

  const submit = (v: PasswordForm) =>
    saving.run(async () => {
      await post('/api/v1/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success('密码已修改');
      form.resetFields();
      const wasForced = user.mustChangePassword;
      await refresh();
      if (wasForced) navigate('/', true);
    });

  return (
    <Card title="修改密码" style={{ maxWidth: 520 }}>
      {user.mustChangePassword && (
        <Alert type="warning" showIcon title="您正在使用初始密码或临时密码，请先设置自己的新密码，然后才能使用其他功能。" style={{ marginBottom: 16 }} />
      )}
      <SaveError save={saving} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} autoComplete="off">
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          rules={[{ required: true, message: '请输入新密码' }]}
          extra="至少 10 位，不要使用生日、电话号码等容易猜到的密码"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="再次输入新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving.busy}>
          确认修改
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        忘记密码或怀疑密码泄露，请联系县政府办管理员重置。
      </Typography.Paragraph>
    </Card>
  );
}
