import { useState } from 'react';
import { Button, Card, Form, Space, Table, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { formatTime, type Page } from '../../lib/http.ts';
import { LoadFailed, useApi } from '../../lib/query.tsx';
import { useSession } from '../../lib/session.ts';
import { OwnUnitPicker, type ListItem } from './shared.tsx';

const open = (url: string) => window.open(url, '_blank', 'noopener');

export function PrintPage() {
  const { user } = useSession();
  const [unit, setUnit] = useState<string | undefined>(user.roles[0]?.unitCode);
  const published = useApi<Page<ListItem>>(['publishing', 'print'], unit ? '/api/v1/disclosures' : null, { unit, status: 'published', limit: 200 });
  const items = unit ? (published.data?.items ?? []).filter((i) => i.unitCode === unit && !i.displayLabel.startsWith('往期')) : [];
  const loading = published.isFetching;

  const batch = (size: 'A4' | 'A3') => open(`/api/v1/units/${encodeURIComponent(unit ?? '')}/notices.pdf?size=${size}`);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          打印中心
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          选择单位，打印公开栏要张贴的公告。“全部打印”把正在公示的所有公告放进一个文件，每份另起一页。
        </Typography.Paragraph>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="单位" style={{ minWidth: 300 }}>
            <OwnUnitPicker id="print-unit" value={unit} onChange={setUnit} />
          </Form.Item>
          <Form.Item>
            <Space wrap>
              <Button type="primary" size="large" icon={<PrinterOutlined />} disabled={!unit || items.length === 0} onClick={() => batch('A4')}>
                全部打印（A4）
              </Button>
              <Button size="large" icon={<PrinterOutlined />} disabled={!unit || items.length === 0} onClick={() => batch('A3')}>
                全部打印（A3）
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {unit && <LoadFailed query={published} what="正在公示的内容" />}
      <Card title={`正在公示（${items.length} 份）`}>
        <Table<ListItem>
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={false}
          scroll={{ x: 760 }}
          locale={{ emptyText: '这个单位目前没有正在公示的内容' }}
          columns={[
            { title: '标题', dataIndex: 'title' },
            { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: (v: string | null) => formatTime(v) },
            { title: '公示期', dataIndex: 'periodText', width: 240, render: (v: string | null, r) => v ?? r.displayLabel },
            {
              title: '打印',
              key: 'print',
              width: 200,
              render: (_, r) => (
                <Space>
                  <Button icon={<PrinterOutlined />} onClick={() => open(`/api/v1/disclosures/${r.id}/notice.pdf?size=A4`)}>
                    A4
                  </Button>
                  <Button icon={<PrinterOutlined />} onClick={() => open(`/api/v1/disclosures/${r.id}/notice.pdf?size=A3`)}>
                    A3
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
