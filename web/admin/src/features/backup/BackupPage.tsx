import { useEffect } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Space, Switch, Table, Tag, Typography } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import { formatTime, post, put } from '../../lib/http.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import type { BackupRun as Run, BackupSettingsBody, BackupView } from '../../../../../src/modules/backup/backup.schemas.ts';
import { KEEP_MAX } from '../../../../../src/modules/backup/backup.rules.ts';

type Settings = BackupSettingsBody;

const STATUS: Record<string, { label: string; color: string }> = {
  running: { label: '进行中', color: 'processing' },
  done: { label: '成功', color: 'success' },
  failed: { label: '失败，稍后自动重试', color: 'warning' },
  dead: { label: '失败', color: 'error' },
};

export function formatSize(n: number | null): string {
  if (n === null) return '—';
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

function LastRun({ view }: { view: BackupView }) {
  const r = view.lastRun;
  if (!r)
    return (
      <Alert
        type="info"
        showIcon
        title="尚未备份"
        description={
          view.settings.enabled ? `将在每天 ${view.settings.hour}:00 自动备份；也可以点击“立即备份”。` : '每日自动备份已关闭；可以点击“立即备份”手动备份。'
        }
      />
    );
  const ok = r.status === 'done';
  return (
    <Alert
      type={ok ? (r.missingAttachments ? 'warning' : 'success') : 'error'}
      showIcon
      title={ok ? `最近一次备份成功：${formatTime(r.finishedAt)}` : `最近一次备份失败：${formatTime(r.finishedAt ?? r.startedAt)}`}
      description={
        ok ? (
          <span>
            {r.file}（{formatSize(r.size)}）{r.manual ? '，手动备份' : ''}
            {r.missingAttachments ? `；注意：有 ${r.missingAttachments} 个附件在附件库中缺失或损坏，未能备份` : ''}
          </span>
        ) : (
          <span>原因：{r.error ?? '未知'}</span>
        )
      }
    />
  );
}

/** 系统设置 → 数据备份 (county office). */
export function BackupPage() {
  const query = useApi<BackupView>(['backup'], '/api/v1/backup');
  return (
    <QueryState query={query} what="备份情况">
      {(view) => <Backup view={view} refetch={() => void query.refetch()} />}
    </QueryState>
  );
}

function Backup({ view, refetch }: { view: BackupView; refetch: () => void }) {
  const { message } = App.useApp();
  const saving = useSave();
  const running = useSave({ toast: true });
  const [form] = Form.useForm<Settings>();
  useEffect(() => {
    form.setFieldsValue({ enabled: view.settings.enabled, directory: view.settings.directory, keep: view.settings.keep, hour: view.settings.hour });
  }, [view, form]);

  const save = async (v: Settings) => {
    if (await saving.run(() => put<BackupView>('/api/v1/backup/settings', { ...v, directory: v.directory.trim() }))) message.success('备份设置已保存');
  };
  const runNow = async () => {
    // A failed run is recorded: read the page again to show it, and say why here.
    if (await running.run(() => post<BackupView>('/api/v1/backup/run'))) message.success('备份完成');
    else refetch();
  };
  const pgMissing = view.database === 'postgres' && view.pgDump && !view.pgDump.found;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ margin: 0 }}>
          数据备份
        </Typography.Title>
        <Typography.Text type="secondary">
          每天自动把数据库和全部附件备份为一个文件，并只保留最近几份。备份文件含全部个人信息和账号密码摘要，只保存在服务器上，不能从网页下载。
        </Typography.Text>
      </Card>
      <Card
        title="最近一次备份"
        extra={
          <Button type="primary" icon={<CloudDownloadOutlined />} loading={running.busy} onClick={() => void runNow()}>
            立即备份
          </Button>
        }
      >
        <LastRun view={view} />
        {pgMissing && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            title="服务器上找不到 pg_dump（PostgreSQL 客户端）"
            description="PostgreSQL 数据库的备份需要它：请系统管理员安装与数据库同版本或更新版本的 PostgreSQL 客户端。"
          />
        )}
        <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
          <Descriptions.Item label="数据库">
            {view.database === 'sqlite'
              ? 'SQLite（数据目录中的 gongkai.sqlite）'
              : `PostgreSQL${view.pgDump?.version ? `（pg_dump ${view.pgDump.version}）` : ''}`}
          </Descriptions.Item>
          <Descriptions.Item label="重要提醒">
            备份目录和数据在同一台服务器上时，服务器损坏会一起丢失：请每天把备份目录复制到另一台机器或异地存储（操作方法见使用说明“Backup and
            restore”一节），并定期试着恢复一次。
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title="每日自动备份设置"
        extra={
          <Typography.Text type="secondary">
            {view.settings.source === 'settings' ? `上次修改 ${formatTime(view.settings.updatedAt)}` : '使用服务器默认设置'}
          </Typography.Text>
        }
      >
        <SaveError save={saving} style={{ marginBottom: 12 }} />
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} style={{ maxWidth: 640 }}>
          <Form.Item name="enabled" label="每日自动备份" valuePropName="checked">
            <Switch checkedChildren="开启" unCheckedChildren="关闭" />
          </Form.Item>
          <Form.Item
            name="directory"
            label="备份目录"
            rules={[{ required: true, message: '请填写备份目录' }]}
            extra={`服务器上的绝对路径，服务器程序须能写入。默认：${view.defaults.directory}`}
          >
            <Input maxLength={500} />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="keep" label="保留最近几份" rules={[{ required: true, message: '请填写保留份数' }]} extra="更早的备份文件会在每次备份成功后删除">
              <InputNumber min={1} max={KEEP_MAX} precision={0} style={{ width: 140 }} suffix="份" />
            </Form.Item>
            <Form.Item name="hour" label="每天几点备份（北京时间）" rules={[{ required: true, message: '请填写时间' }]}>
              <InputNumber min={0} max={23} precision={0} style={{ width: 140 }} suffix="点" />
            </Form.Item>
          </Space>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={saving.busy}>
              保存设置
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card title="备份记录">
        <Table
          rowKey="runKey"
          size="small"
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: '尚无备份记录' }}
          dataSource={view.runs}
          columns={[
            { title: '开始时间', dataIndex: 'startedAt', width: 160, render: (v: string) => formatTime(v) },
            { title: '方式', dataIndex: 'manual', width: 80, render: (v: boolean) => (v ? '手动' : '每日') },
            { title: '结果', dataIndex: 'status', width: 150, render: (v: string) => <Tag color={STATUS[v]?.color}>{STATUS[v]?.label ?? v}</Tag> },
            {
              title: '文件与大小',
              key: 'f',
              render: (_: unknown, r: Run) =>
                r.error ? <Typography.Text type="danger">{r.error}</Typography.Text> : r.file ? `${r.file}（${formatSize(r.size)}）` : '—',
            },
          ]}
        />
      </Card>
      <Card title={`备份目录中的备份文件（${view.archives.length} 份）`} extra={<Typography.Text type="secondary">{view.settings.directory}</Typography.Text>}>
        <Table
          rowKey="name"
          size="small"
          pagination={false}
          locale={{ emptyText: '目录中还没有备份文件' }}
          dataSource={view.archives}
          columns={[
            { title: '文件名', dataIndex: 'name' },
            { title: '备份时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
            { title: '大小', dataIndex: 'size', width: 100, render: (v: number) => formatSize(v) },
          ]}
        />
      </Card>
    </Space>
  );
}
