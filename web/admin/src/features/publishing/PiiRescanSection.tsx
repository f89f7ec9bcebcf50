import { Alert, App, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError, formatTime, post } from '../../lib/http.ts';
import { LoadFailed, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { navigate } from '../../lib/router.ts';
import type { RescanFinding as Finding, RescanResult, RescanView } from '../../../../../src/modules/publishing/pii-rescan.ts';

/**
 * 已发布内容复查: the county's published records whose public text has personal data the current rules find
 * unmasked (from `gongkai pii rescan` or the button here), each with a link to start the correction.
 * Reading the list changes nothing; 立即复查 runs the check and stores its result.
 */
export function PiiRescanSection() {
  const { message } = App.useApp();
  // Read again after every save (a changed rule set shows 识别规则在上次复查之后修改过).
  const read = useApi<RescanView>(['publishing', 'pii-rescan'], '/api/v1/publishing/pii-rescan');
  const save = useSave();
  const view = read.data;
  const forbidden = read.error instanceof ApiError && read.error.status === 403 ? '只有县级管理员可以查看已发布内容的复查结果。' : undefined;

  const run = async () => {
    await save.run(async () => {
      const { findings, scanned } = await post<RescanResult>('/api/v1/publishing/pii-rescan');
      message.success(findings.length ? `复查完成：${findings.length} 条内容需要更正` : `复查完成：${scanned} 条已发布内容都没有发现未遮盖的个人信息`);
    });
  };
  const busy = save.busy;

  const columns: TableColumnsType<Finding> = [
    {
      title: '公开内容',
      key: 'title',
      render: (_v, f) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{f.title}</Typography.Text>
          <Typography.Text type="secondary">
            {f.unitName} · 索引号 {f.indexNo || '—'} · 第 {f.version} 版{f.status === 'withdrawn' ? ' · 已撤回（仍公开显示）' : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '发现',
      key: 'kinds',
      width: 200,
      render: (_v, f) => f.kinds.map((k) => <Tag key={k.kind + k.text} color="red">{`${k.text} ${k.count} 处`}</Tag>),
    },
    { title: '位置', key: 'places', width: 220, render: (_v, f) => f.places.map((p) => <Tag key={p.place}>{`${p.text} ${p.count}`}</Tag>) },
    {
      title: '处理',
      key: 'act',
      width: 150,
      render: (_v, f) => {
        const textPlaces = f.places.some((p) => p.place !== 'attachment_original');
        return (
          <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/disclosures/${f.disclosureId}${textPlaces ? '?correct=pii' : ''}`)}>
            {textPlaces ? '去更正' : '处理附件'}
          </Button>
        );
      },
    },
  ];

  const last = view?.last;
  return (
    <Card
      title="已发布内容复查"
      size="small"
      extra={
        <Button icon={<ReloadOutlined />} loading={busy} onClick={() => void run()}>
          立即复查
        </Button>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          识别规则更新后，已经发布的内容里可能还有当时没有识别出来的个人信息（例如带空格、横线或看不见字符的身份证号）。复查会按现行规则检查全县已发布内容的标题、正文、表格和可下载的附件原件，只列出记录和数量，不显示号码本身。正文、标题或表格里的，请点“去更正”，遮盖后填写公开的更正理由；附件原件里的，请把该附件改为“原件不公开”。
        </Typography.Paragraph>
        {!view && <LoadFailed query={read} what="复查结果" title={forbidden} />}
        <SaveError save={save} />
        {view && view.rulesChanged && (
          <Alert
            type="warning"
            showIcon
            title={last ? '识别规则在上次复查之后修改过，请重新复查。' : '还没有复查过已发布的内容。'}
            action={
              <Button size="small" type="primary" loading={busy} onClick={() => void run()}>
                立即复查
              </Button>
            }
          />
        )}
        {last && (
          <Typography.Text>
            上次复查：{formatTime(last.runAt)}，检查了 {last.scanned} 条已发布内容，
            {last.findings.length ? <Typography.Text type="danger" strong>{`${last.findings.length} 条需要更正`}</Typography.Text> : '没有发现未遮盖的个人信息'}
            。
          </Typography.Text>
        )}
        {last && last.findings.length > 0 && (
          <Table<Finding>
            rowKey="disclosureId"
            size="small"
            columns={columns}
            dataSource={last.findings}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 860 }}
          />
        )}
        {last && last.findings.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有需要更正的内容" />}
      </Space>
    </Card>
  );
}
