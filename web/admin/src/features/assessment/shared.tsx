/** Shared pieces of the assessment, rectification and rollout screens. */
import { useState, type ReactNode } from 'react';
import { Button, Input, List, Space, Typography, Upload, App as AntApp } from 'antd';
import { DeleteOutlined, LinkOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { errorText, upload } from '../../lib/http.ts';
import { BASE, navigate } from '../../lib/router.ts';
import type { Evidence, EvidenceInput } from '../../../../../src/modules/assessment/evidence.ts';
import type { EvidenceFile } from '../../../../../src/modules/assessment/assessment.responses.ts';

/** A real link (keyboard, middle-click, screen readers) that navigates inside the SPA. */
export function RouteLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Typography.Link
      href={BASE + to}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </Typography.Link>
  );
}

export type { Evidence, EvidenceInput };

export const toInput = (e: Evidence[]): EvidenceInput[] => e.map((x) => (x.kind === 'file' ? { fileId: x.fileId } : { url: x.url, label: x.label }));

/** Links inside the admin SPA open in place; API files and outside links in a new tab. */
export function EvidenceLinks({ items }: { items: { label: string; url: string }[] }) {
  if (items.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      {items.map((e, i) => (
        <Typography.Link key={i} href={e.url} target={e.url.startsWith('/admin/') ? undefined : '_blank'} rel="noreferrer">
          {e.url.startsWith('/api/') ? <PaperClipOutlined /> : <LinkOutlined />} {e.label}
        </Typography.Link>
      ))}
    </Space>
  );
}

export const evidenceLinks = (e: Evidence[]) => e.map((x) => (x.kind === 'file' ? { label: x.name, url: x.url } : { label: x.label, url: x.url }));

/** Edits a list of evidence: upload a file for `unitCode` (type and size are checked by the server) or add a link. */
export function EvidenceEditor({ unitCode, value, onChange }: { unitCode: string; value: Evidence[]; onChange: (v: Evidence[]) => void }) {
  const { message } = AntApp.useApp();
  const [url, setUrl] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <List
        size="small"
        bordered
        locale={{ emptyText: '尚未添加佐证材料' }}
        dataSource={value}
        renderItem={(e, i) => (
          <List.Item
            actions={[
              <Button key="d" type="text" danger icon={<DeleteOutlined />} aria-label="移除" onClick={() => onChange(value.filter((_, k) => k !== i))} />,
            ]}
          >
            <EvidenceLinks items={evidenceLinks([e])} />
          </List.Item>
        )}
      />
      <Upload
        showUploadList={false}
        accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
        customRequest={async ({ file }) => {
          setBusy(true);
          try {
            const form = new FormData();
            form.append('unitCode', unitCode);
            form.append('file', file as Blob);
            const f = await upload<EvidenceFile>('/api/v1/assessments/evidence-files', form);
            onChange([...value, { kind: 'file', fileId: f.id, name: f.name, type: f.type, size: f.size, url: f.url }]);
          } catch (err) {
            message.error(errorText(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy}>
          上传文件（PDF、图片、Word、Excel，20 MB 以内）
        </Button>
      </Upload>
      <Space.Compact style={{ width: '100%' }}>
        <Input aria-label="链接地址" placeholder="或填写链接：https://… 或本系统内以 / 开头的地址" value={url} onChange={(e) => setUrl(e.target.value)} />
        <Input aria-label="链接说明" placeholder="说明（可选）" value={label} onChange={(e) => setLabel(e.target.value)} style={{ maxWidth: 200 }} />
        <Button
          onClick={() => {
            if (!url.trim()) return;
            onChange([...value, { kind: 'link', url: url.trim(), label: label.trim() || url.trim() }]);
            setUrl('');
            setLabel('');
          }}
        >
          添加链接
        </Button>
      </Space.Compact>
    </Space>
  );
}
