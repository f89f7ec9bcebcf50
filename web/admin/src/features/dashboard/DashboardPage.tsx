import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { ApartmentOutlined, AuditOutlined, CalendarOutlined, KeyOutlined, LockOutlined, TeamOutlined } from '@ant-design/icons';
import { UNIT_KIND_LABELS, type OrgUnit } from '../org/api.ts';
import { calendarError, type YearList } from '../calendar/api.ts';
import type { AuditVerification } from '../audit/api.ts';
import { errorText, get, type Page } from '../../lib/http.ts';
import { isAdmin } from '../auth/api.ts';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.ts';
import { TodoCard } from '../todo/TodoPage.tsx';

type Loadable<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

/** One dashboard figure through the query cache (key names the feature first); not asked for when `load` is null. */
function useLoad<T>(key: string, load: (() => Promise<T>) | null, describe: (err: unknown) => string = errorText): Loadable<T> {
  const q = useQuery<T>({ queryKey: ['dashboard', key], queryFn: () => load!(), enabled: load !== null });
  if (q.data !== undefined) return { state: 'ok', value: q.data };
  if (q.isError) return { state: 'error', message: describe(q.error) };
  return { state: 'loading' };
}

function greeting(): string {
  const h = new Date().getHours();
  if (h < 6) return '您好';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

const KIND_ORDER = ['department', 'street', 'town', 'township', 'farm_park', 'community', 'village'];

/** Counts units of each kind with one small request per kind (only `total` is needed). */
async function countUnits(): Promise<Record<string, number>> {
  const entries = await Promise.all(KIND_ORDER.map(async (kind) => [kind, (await get<Page<OrgUnit>>('/api/v1/org-units', { kind, limit: 1 })).total] as const));
  return Object.fromEntries(entries);
}

function Section({ title, icon, desc, to, children }: { title: string; icon: ReactNode; desc: string; to: string; children?: ReactNode }) {
  return (
    <Card
      hoverable
      title={
        <Space>
          {icon}
          {title}
        </Space>
      }
      extra={
        <Typography.Link
          href={`/admin${to}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(to);
          }}
        >
          进入
        </Typography.Link>
      }
      style={{ height: '100%' }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: children ? 12 : 0 }}>
        {desc}
      </Typography.Paragraph>
      {children}
    </Card>
  );
}

function Value<T>({ data, render }: { data: Loadable<T>; render: (v: T) => ReactNode }) {
  if (data.state === 'loading') return <Skeleton active paragraph={{ rows: 1 }} title={false} />;
  if (data.state === 'error') return <Alert type="warning" showIcon title={data.message} />;
  return <>{render(data.value)}</>;
}

export function DashboardPage() {
  const { user } = useSession();
  const admin = isAdmin(user);
  const units = useLoad('units', countUnits);
  const users = useLoad('users', admin ? () => get<Page<unknown>>('/api/v1/users', { limit: 1 }) : null);
  const calendar = useLoad('calendar', () => get<YearList>('/api/v1/calendar/years'), calendarError);
  const audit = useLoad('audit', admin ? () => get<AuditVerification>('/api/v1/audit/verify') : null);

  const roleNames = [...new Set(user.roles.map((r) => r.roleLabel))];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {greeting()}，{user.displayName}
        </Typography.Title>
        <Descriptions column={1} size="small">
          <Descriptions.Item label="我的角色">
            <Space wrap>
              {roleNames.map((r) => (
                <Tag key={r} color="blue">
                  {r}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="所在单位">
            <Space wrap>
              {[...new Set(user.roles.map((r) => r.unitName))].map((name) => (
                <span key={name}>{name}</span>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="上次登录">{user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString('zh-CN') : '首次登录'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <TodoCard />

      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={8}>
          <Section
            title="组织机构"
            icon={<ApartmentOutlined />}
            to="/org"
            desc={admin ? '县、乡镇（街道）、村（社区）三级单位及县政府部门，可新增、修改、撤销。' : '查看本县各级单位及联系方式（只读）。'}
          >
            <Value
              data={units}
              render={(c) => (
                <Row gutter={[8, 8]}>
                  {KIND_ORDER.filter((k) => c[k] > 0).map((k) => (
                    <Col span={8} key={k}>
                      <Statistic title={UNIT_KIND_LABELS[k]} value={c[k]} styles={{ content: { fontSize: 20 } }} />
                    </Col>
                  ))}
                </Row>
              )}
            />
          </Section>
        </Col>
        {admin && (
          <Col xs={24} md={12} xl={8}>
            <Section title="用户与角色" icon={<TeamOutlined />} to="/users" desc="新增账号、分配角色、停用账号、重置密码。">
              <Value data={users} render={(u) => <Statistic title="本级及下级单位用户" value={u.total} suffix="人" />} />
            </Section>
          </Col>
        )}
        <Col xs={24} md={12} xl={8}>
          <Section title="工作日历" icon={<CalendarOutlined />} to="/calendar" desc="法定节假日和调休上班日，用于计算答复期限和公开时限。">
            <Value
              data={calendar}
              render={(c) =>
                c.missingYears.length === 0 ? (
                  <Alert type="success" showIcon title={`已录入 ${c.items.filter((i) => i.status === 'official').length} 个年度的官方安排`} />
                ) : (
                  <Alert type="error" showIcon title={`未录入年度：${c.missingYears.join('、')}`} description="相关期限按周末规则推算，标记为暂定。" />
                )
              }
            />
          </Section>
        </Col>
        {admin && (
          <Col xs={24} md={12} xl={8}>
            <Section title="审计日志" icon={<AuditOutlined />} to="/audit" desc="所有写操作都记入防篡改的哈希链。">
              <Value
                data={audit}
                render={(a) =>
                  a.ok ? (
                    <Alert type="success" showIcon title={`哈希链完整，共 ${a.count} 条记录`} />
                  ) : (
                    <Alert
                      type="error"
                      showIcon
                      title="哈希链校验失败"
                      description={a.firstBroken ? `第 ${a.firstBroken.seq} 条：${a.firstBroken.reason}` : undefined}
                    />
                  )
                }
              />
            </Section>
          </Col>
        )}
        <Col xs={24} md={12} xl={8}>
          <Section title="修改密码" icon={<LockOutlined />} to="/password" desc="定期修改密码，不要与他人共用账号。" />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Section title="访问令牌" icon={<KeyOutlined />} to="/tokens" desc="供其他系统通过接口调用时使用，令牌只显示一次。" />
        </Col>
      </Row>
    </Space>
  );
}
