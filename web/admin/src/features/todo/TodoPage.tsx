/**
 * 我的待办: the one to-do list (publishing's review/returned/owed items and every module's reminders, merged by
 * features/todo/merge.ts), with the inbox and the e-mail settings beside it. The dashboard shows its first rows.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Card, Empty, List, Segmented, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { AuditOutlined, EditOutlined, FormOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { formatTime } from '../../lib/http.ts';
import { navigate } from '../../lib/router.ts';
import { loadError, useApi } from '../../lib/query.tsx';
import { usePublishingTodo } from '../publishing/queries.ts';
import type { RemindersView } from '../notifications/api.ts';
import { whenText } from '../notifications/labels.ts';
import { InboxTab, MailPreferencesTab } from '../notifications/reminders.tsx';
import { mergeTodo, todoCount, type TodoEntry, type TodoGroup } from './merge.ts';

export type TodoScope = 'mine' | 'subtree';

const useReminders = (scope: TodoScope) => useApi<RemindersView>(['todo', 'reminders'], '/api/v1/reminders', { scope }, { staleTime: 0, keepPrevious: true });

/** Both sources, merged; each may fail on its own (the other's rows still show). */
export function useTodo(scope: TodoScope = 'mine') {
  const publishing = usePublishingTodo();
  const reminders = useReminders(scope);
  const loading = (publishing.isPending && !publishing.isError) || (reminders.isPending && !reminders.isError);
  const groups = mergeTodo(publishing.data, reminders.data);
  const problems: string[] = [];
  if (publishing.isError) problems.push(loadError('待审核、被退回和本周应公开的事项', publishing.error));
  if (reminders.isError) problems.push(loadError('各模块的到期提醒', reminders.error));
  if (reminders.data?.failedModules.length) problems.push('部分模块的提醒暂时无法读取，列表可能不完整，请稍后刷新。');
  const refetch = () => Promise.all([publishing.refetch(), reminders.refetch()]);
  const fetching = publishing.isFetching || reminders.isFetching;
  return { groups, loading, problems, refetch, fetching, asOf: reminders.data?.asOf ?? null, failedBoth: publishing.isError && reminders.isError };
}

const ICON: Record<TodoEntry['action']['label'], ReactNode> = {
  去审核: <AuditOutlined />,
  去修改: <EditOutlined />,
  去填写: <FormOutlined />,
  去办理: <RightOutlined />,
};

function describe(e: TodoEntry): ReactNode {
  const d = e.detail;
  if (d.kind === 'submitted') return `${e.unitName ?? ''} · 提交于 ${formatTime(d.at)}`;
  if (d.kind === 'returned') {
    return (
      <span>
        退回意见：<Typography.Text type="danger">{d.comment ?? '（未填写）'}</Typography.Text>（{formatTime(d.at)}）
      </span>
    );
  }
  return (
    <Typography.Text type={d.overdue ? 'danger' : undefined}>
      {e.unitName} · {whenText(d)}
      {d.provisional ? '（日期暂定）' : ''}
    </Typography.Text>
  );
}

function EntryRow({ e, danger }: { e: TodoEntry; danger: boolean }) {
  return (
    <List.Item
      actions={[
        <Button
          key="go"
          type="primary"
          size="large"
          danger={danger && e.action.label !== '去审核'}
          icon={ICON[e.action.label]}
          onClick={() => navigate(e.action.to)}
        >
          {e.action.label}
        </Button>,
      ]}
    >
      <List.Item.Meta
        title={
          <Space wrap size={6}>
            <span>{e.title}</span>
            {e.tag && <Tag style={{ marginInlineEnd: 0 }}>{e.tag}</Tag>}
          </Space>
        }
        description={describe(e)}
      />
    </List.Item>
  );
}

/** The groups as cards; `limit` cuts each group (dashboard) with a link to the whole list. */
export function TodoGroups({ groups, limit }: { groups: TodoGroup[]; limit?: number }) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {groups.map((g) => (
        <Card
          key={g.id}
          size="small"
          title={
            <Space>
              <span style={{ fontSize: 16, color: g.danger ? '#cf1322' : undefined }}>{g.title}</span>
              <Badge count={g.entries.length} overflowCount={999} color={g.danger ? '#cf1322' : '#1677ff'} />
            </Space>
          }
        >
          <List
            dataSource={limit ? g.entries.slice(0, limit) : g.entries}
            pagination={!limit && g.entries.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
            renderItem={(e) => <EntryRow e={e} danger={g.danger} />}
          />
          {limit && g.entries.length > limit ? (
            <Typography.Link onClick={() => navigate('/todo')}>还有 {g.entries.length - limit} 项，查看全部</Typography.Link>
          ) : null}
        </Card>
      ))}
    </Space>
  );
}

function Problems({ problems }: { problems: string[] }) {
  return (
    <>
      {problems.map((p) => (
        <Alert key={p} type="warning" showIcon title={p} />
      ))}
    </>
  );
}

/** The dashboard's card: the first three rows of each group. */
export function TodoCard() {
  const { groups, loading, problems } = useTodo();
  const total = todoCount(groups);
  return (
    <Card
      title={
        <Space>
          <FormOutlined />
          我的待办
          {!loading && <Badge count={total} overflowCount={999} />}
        </Space>
      }
      extra={<Typography.Link onClick={() => navigate('/todo')}>查看全部</Typography.Link>}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Problems problems={problems} />
        {loading ? <Skeleton active /> : total === 0 ? problems.length ? null : <Empty description="没有待办事项" /> : <TodoGroups groups={groups} limit={3} />}
      </Space>
    </Card>
  );
}

function TodoTab({ supervisor }: { supervisor: boolean }) {
  const [scope, setScope] = useState<TodoScope>('mine');
  const { groups, loading, problems, refetch, fetching, asOf, failedBoth } = useTodo(scope);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        {supervisor ? (
          <Segmented
            value={scope}
            onChange={(v) => setScope(v as TodoScope)}
            options={[
              { value: 'mine', label: '本单位及督办' },
              { value: 'subtree', label: '管辖范围内全部单位' },
            ]}
          />
        ) : (
          <span />
        )}
        <Button icon={<ReloadOutlined />} loading={fetching && !loading} onClick={() => void refetch()}>
          刷新
        </Button>
      </Space>
      <Problems problems={problems} />
      {loading ? (
        <Skeleton active />
      ) : groups.length === 0 && !failedBoth ? (
        <Empty description={asOf ? `截至 ${asOf}，没有待办事项` : '没有待办事项'} />
      ) : (
        <TodoGroups groups={groups} />
      )}
    </Space>
  );
}

export function TodoPage({ supervisor }: { supervisor: boolean }) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ margin: 0 }}>
          我的待办
        </Typography.Title>
        <Typography.Text type="secondary">
          等您审核和被退回的内容，本单位即将到期和已逾期的事项（各项工作汇总在这里）；逾期较久的下级单位事项会提醒上级督办。
        </Typography.Text>
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'todo', label: '待办事项', children: <TodoTab supervisor={supervisor} /> },
            { key: 'inbox', label: '消息提醒', children: <InboxTab /> },
            { key: 'mail', label: '邮件提醒设置', children: <MailPreferencesTab /> },
          ]}
        />
      </Card>
    </Space>
  );
}
