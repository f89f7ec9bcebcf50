import { Button, Card, Empty, List, Space, Typography } from 'antd';
import { AuditOutlined, ReloadOutlined } from '@ant-design/icons';
import { formatTime } from '../../lib/http.ts';
import { navigate } from '../../lib/router.ts';
import { StatusTag } from './shared.tsx';
import { usePublishingTodo } from './queries.ts';
import { QueryState } from '../../lib/query.tsx';

export function ReviewPage() {
  const todo = usePublishingTodo();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              审核队列
            </Typography.Title>
            <Typography.Text type="secondary">等您审核的公开内容。打开后核对内容，点“同意”或“退回”。</Typography.Text>
          </div>
          <Button icon={<ReloadOutlined />} loading={todo.isFetching && !todo.isPending} onClick={() => void todo.refetch()}>
            刷新
          </Button>
        </Space>
      </Card>
      <Card>
        <QueryState query={todo} what="审核队列">
          {(data) => (
            <List
              dataSource={data.toReview}
              locale={{ emptyText: <Empty description="没有等您审核的内容" /> }}
              renderItem={(r) => (
                <List.Item
                  actions={[
                    <Button key="go" type="primary" size="large" icon={<AuditOutlined />} onClick={() => navigate(`/disclosures/${r.id}`)}>
                      去审核
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        {r.title}
                        <StatusTag status={r.status} text={r.status === 'correction' ? '更正待审核' : undefined} />
                      </Space>
                    }
                    description={`${r.unitName} · 提交于 ${formatTime(r.submittedAt)}`}
                  />
                </List.Item>
              )}
            />
          )}
        </QueryState>
      </Card>
    </Space>
  );
}
