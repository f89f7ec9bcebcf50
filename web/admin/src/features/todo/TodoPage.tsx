import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { AuditOutlined, EditOutlined, FormOutlined, ReloadOutlined } from '@ant-design/icons';
import { errorText, formatTime, get } from '../../lib/http.ts';
import { navigate } from '../../lib/router.ts';
import { type Todo } from '../publishing/shared.tsx';

export function useTodo() {
  const [todo, setTodo] = useState<Todo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setTodo(await get<Todo>('/api/v1/disclosures/todo'));
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return { todo, error, load };
}

const fillUrl = (o: Todo['owed'][number]) => `/disclosures/new?unit=${encodeURIComponent(o.unitCode)}&item=${encodeURIComponent(o.itemKey)}${/^\d{4}/.test(o.period) ? `&period=${encodeURIComponent(o.period)}` : ''}`;

function Row({ title, desc, action }: { title: ReactNode; desc: ReactNode; action: ReactNode }) {
  return (
    <List.Item actions={[action]}>
      <List.Item.Meta title={title} description={desc} />
    </List.Item>
  );
}

function Section({ title, count, danger, children }: { title: string; count: number; danger?: boolean; children: ReactNode }) {
  return (
    <Card
      size="small"
      title={
        <Space>
          <span style={{ fontSize: 16, color: danger && count > 0 ? '#cf1322' : undefined }}>{title}</span>
          <Badge count={count} showZero color={danger && count > 0 ? '#cf1322' : count > 0 ? '#1677ff' : '#bfbfbf'} />
        </Space>
      }
    >
      {children}
    </Card>
  );
}

function TodoLists({ todo, limit }: { todo: Todo; limit?: number }) {
  const overdue = todo.owed.filter((o) => o.overdue);
  const week = todo.owed.filter((o) => !o.overdue);
  const cut = <T,>(rows: T[]) => (limit ? rows.slice(0, limit) : rows);
  const more = (n: number) => (limit && n > limit ? <Typography.Link onClick={() => navigate('/todo')}>还有 {n - limit} 项，查看全部</Typography.Link> : null);
  const owedRow = (o: Todo['owed'][number]) => (
    <Row
      title={
        <Space wrap>
          <span>{o.itemName}</span>
          <Tag>{o.periodLabel}</Tag>
        </Space>
      }
      desc={
        <Typography.Text type={o.overdue ? 'danger' : undefined}>
          {o.unitName} · 截止 {o.dueDate}
          {o.overdue ? '（已逾期）' : ''}
          {o.provisional ? '（日期暂定）' : ''}
        </Typography.Text>
      }
      action={
        <Button type="primary" size="large" danger={o.overdue} icon={<FormOutlined />} onClick={() => navigate(fillUrl(o))}>
          去填写
        </Button>
      }
    />
  );
  const empty = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {todo.toReview.length > 0 && (
        <Section title="等我审核" count={todo.toReview.length}>
          <List
            dataSource={cut(todo.toReview)}
            renderItem={(r) => (
              <Row
                title={r.title}
                desc={`${r.unitName} · 提交于 ${formatTime(r.submittedAt)}`}
                action={
                  <Button type="primary" size="large" icon={<AuditOutlined />} onClick={() => navigate(`/disclosures/${r.id}`)}>
                    去审核
                  </Button>
                }
              />
            )}
          />
          {more(todo.toReview.length)}
        </Section>
      )}
      {todo.returned.length > 0 && (
        <Section title="被退回，需要修改" count={todo.returned.length} danger>
          <List
            dataSource={cut(todo.returned)}
            renderItem={(r) => (
              <Row
                title={r.title}
                desc={
                  <span>
                    退回意见：<Typography.Text type="danger">{r.comment ?? '（未填写）'}</Typography.Text>（{formatTime(r.at)}）
                  </span>
                }
                action={
                  <Button type="primary" size="large" icon={<EditOutlined />} onClick={() => navigate(`/disclosures/new?id=${r.id}`)}>
                    去修改
                  </Button>
                }
              />
            )}
          />
          {more(todo.returned.length)}
        </Section>
      )}
      {(overdue.length > 0 || week.length > 0 || todo.toReview.length + todo.returned.length === 0) && (
        <>
          <Section title="已逾期，请尽快公开" count={overdue.length} danger>
            {overdue.length ? <List dataSource={cut(overdue)} renderItem={owedRow} /> : empty('没有逾期事项')}
            {more(overdue.length)}
          </Section>
          <Section title="近期应公开（本周内及提醒期内）" count={week.length}>
            {week.length ? <List dataSource={cut(week)} renderItem={owedRow} /> : empty('近期没有到期的公开事项')}
            {more(week.length)}
          </Section>
        </>
      )}
    </Space>
  );
}

/** The landing card of the dashboard. */
export function TodoCard() {
  const { todo, error } = useTodo();
  const total = todo ? todo.owed.length + todo.returned.length + todo.toReview.length : 0;
  return (
    <Card
      title={
        <Space>
          <FormOutlined />
          我的待办
          {todo && <Badge count={total} />}
        </Space>
      }
      extra={<Typography.Link onClick={() => navigate('/todo')}>查看全部</Typography.Link>}
    >
      {error ? <Alert type="warning" showIcon title={error} /> : !todo ? <Skeleton active /> : total === 0 ? <Empty description="没有待办事项" /> : <TodoLists todo={todo} limit={3} />}
    </Card>
  );
}

export function TodoPage() {
  const { todo, error, load } = useTodo();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              我的待办
            </Typography.Title>
            <Typography.Text type="secondary">本周内和提醒期内要公开的事项、已逾期的事项、被退回要修改的内容和等您审核的内容。</Typography.Text>
          </div>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      {!todo && !error ? <Skeleton active /> : todo ? <TodoLists todo={todo} /> : null}
    </Space>
  );
}
