import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { LoadFailed, useApi } from '../../lib/query.tsx';
import { navigate } from '../../lib/router.ts';
import { useSave } from '../../lib/save.tsx';
import type { CaseLetter } from '../../../../../src/modules/requests/requests.schemas.ts';

/**
 * The case's letters (register + derived ones) with .docx/.pdf downloads. A letter that cannot be printed yet (e.g.
 * the unit has not set its review bodies) answers 400 with a Chinese message, shown here instead of a JSON page.
 */
export function CaseLetters({ requestId }: { requestId: string }) {
  // Read again after every step (each write marks the reads stale): a step may issue a new letter.
  const letters = useApi<CaseLetter[]>(['requests', 'case-letters'], `/api/v1/info-requests/${encodeURIComponent(requestId)}/letters`);
  // A download is a read, but it can be refused (400 with the server's words): the data layer keeps its busy flag and
  // its message; `pressed` only says which of the buttons spins.
  const save = useSave();
  const [pressed, setPressed] = useState<string | null>(null);
  const error = save.error;

  const download = (l: CaseLetter, format: 'docx' | 'pdf') => {
    setPressed(`${l.id}.${format}`);
    return save.run(async () => {
      const res = await fetch(`/api/v1/info-requests/${encodeURIComponent(requestId)}/letters/${l.kind}.${format}?letter=${encodeURIComponent(l.id)}`, {
        credentials: 'same-origin',
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `下载失败（${res.status}）`);
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${l.title}-${l.number}.${format}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  };

  return (
    <Card title="文书">
      {error && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={save.clear}
          style={{ marginBottom: 12 }}
          title={error}
          action={
            /文书设置/.test(error) ? (
              <Button size="small" onClick={() => navigate('/letter-settings')}>
                去设置
              </Button>
            ) : undefined
          }
        />
      )}
      <LoadFailed query={letters} what="本案文书" style={{ marginBottom: 12 }} />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={letters.isPending}
        dataSource={letters.data ?? []}
        locale={{ emptyText: '尚未出具文书' }}
        columns={[
          { title: '文书', dataIndex: 'title' },
          { title: '文号', dataIndex: 'number' },
          { title: '日期', dataIndex: 'issuedOn', width: 110 },
          {
            title: '下载',
            width: 190,
            render: (_, l) => (
              <Space>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  loading={save.busy && pressed === `${l.id}.docx`}
                  onClick={() => void download(l, 'docx')}
                  aria-label={`下载${l.title} Word`}
                >
                  Word
                </Button>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  loading={save.busy && pressed === `${l.id}.pdf`}
                  onClick={() => void download(l, 'pdf')}
                  aria-label={`下载${l.title} PDF`}
                >
                  PDF
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        Word 文件可编辑后打印盖章；PDF 与 Word 内容一致。
      </Typography.Paragraph>
    </Card>
  );
}
