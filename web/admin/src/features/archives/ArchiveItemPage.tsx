/**
 * One archive item: its 档号 and keeping, every file with its SHA-256 (核对 recomputes them against the audit chain),
 * scans upload and 法律保全 for the archivist.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, SafetyOutlined, UploadOutlined } from '@ant-design/icons';
import { post } from '../../lib/http.ts';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.ts';
import { LoadFailed, QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { KIND_TEXT, SCAN_LIMIT_TEXT, STATUS_TEXT, isKeeper, uploadFile, type ItemDetail, type VerifyResult } from './api.ts';

type ItemFileRow = NonNullable<ItemDetail['files']>[number];

export function ArchiveItemPage({ id }: { id: string }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const item = useApi<ItemDetail>(['archives', 'item', id], `/api/v1/archives/items/${encodeURIComponent(id)}`);
  // 核对 is a read (GET), asked for by its button; an upload marks it stale, so the shown result covers the new file.
  const [verifyAsked, setVerifyAsked] = useState(false);
  const verifyRead = useApi<VerifyResult>(['archives', 'item', id, 'verify'], verifyAsked ? `/api/v1/archives/items/${encodeURIComponent(id)}/verify` : null);
  const verify = verifyRead.data;
  const scan = useSave();
  const [holdOpen, setHoldOpen] = useState(false);
  const [reason, setReason] = useState('');
  const hold = useSave();
  const release = useSave({ toast: true });
  const keeper = isKeeper(user.roles);

  const runVerify = () => (verifyAsked ? void verifyRead.refetch() : setVerifyAsked(true));
  const sendScan = async (file: File) => {
    if (await scan.run(() => uploadFile(`/api/v1/archives/items/${encodeURIComponent(id)}/scans`, file))) message.success(`已添加扫描件“${file.name}”`);
  };
  const holdPath = `/api/v1/archives/items/${encodeURIComponent(id)}/hold`;
  const setHold = async () => {
    if (await hold.run(() => post(holdPath, { hold: true, reason }))) {
      setHoldOpen(false);
      setReason('');
      message.success('已设置法律保全');
    }
  };
  const releaseHold = async () => {
    if (await release.run(() => post(holdPath, { hold: false }))) message.success('已解除法律保全');
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/archives')}>
        返回档案管理
      </Button>
      <QueryState query={item} what="档案">
        {(it) => (
          <>
            <Card
              title={
                <Space wrap>
                  <span>{it.title}</span>
                  {it.isDemo && <Tag>演示</Tag>}
                  <Tag color={it.status === 'filed' ? 'green' : 'default'}>{STATUS_TEXT[it.status] ?? it.status}</Tag>
                  {it.legalHold && <Tag color="purple">法律保全</Tag>}
                  {it.onLoan && <Tag color="orange">已借出</Tag>}
                  {it.dueForAppraisal && <Tag color="orange">保管期满待鉴定</Tag>}
                  {it.inCustody && <Tag color="blue">{`代管：${it.custody.name}`}</Tag>}
                </Space>
              }
              extra={
                keeper && it.status === 'filed' ? (
                  it.legalHold ? (
                    <Button loading={release.busy} onClick={() => void releaseHold()}>
                      解除保全
                    </Button>
                  ) : (
                    <Button icon={<SafetyOutlined />} onClick={() => setHoldOpen(true)}>
                      设置法律保全
                    </Button>
                  )
                ) : null
              }
            >
              <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
                <Descriptions.Item label="档号">{it.archivalCode}</Descriptions.Item>
                <Descriptions.Item label="单位">{it.unit.name}</Descriptions.Item>
                <Descriptions.Item label="年度 · 类别">
                  {it.year} 年 · {it.classCode} {it.className}
                </Descriptions.Item>
                <Descriptions.Item label="件号">{it.itemNo}</Descriptions.Item>
                <Descriptions.Item label="来源">
                  {KIND_TEXT[it.kind] ?? it.kind}
                  {it.recordType ? `（${it.recordType}）` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="形成日期">{it.formedOn}</Descriptions.Item>
                <Descriptions.Item label="保管期限">
                  {it.retentionLabel}
                  {it.keepUntil ? `，保管到 ${it.keepUntil}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="保管单位">{it.custody.name}</Descriptions.Item>
                {it.paperLocation && <Descriptions.Item label="纸质存放位置">{it.paperLocation}</Descriptions.Item>}
                {it.pages && <Descriptions.Item label="页数">{it.pages}</Descriptions.Item>}
                {it.legalHold && <Descriptions.Item label="保全原因">{it.holdReason}</Descriptions.Item>}
                <Descriptions.Item label="归档">
                  {it.filedAt.slice(0, 10)}
                  {it.filedBy ? ` · ${it.filedBy}` : ''}
                </Descriptions.Item>
                {it.disclosureId && (
                  <Descriptions.Item label="公开记录">
                    <Typography.Link onClick={() => navigate(`/disclosures/${it.disclosureId}`)}>查看公开记录</Typography.Link>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card
              title={`档案文件（${it.files?.length ?? 0} 个）`}
              extra={
                <Button loading={verifyRead.isFetching} onClick={runVerify}>
                  核对文件（重新计算 SHA-256）
                </Button>
              }
            >
              <LoadFailed query={verifyRead} what="文件核对结果" style={{ marginBottom: 12 }} />
              {verify && (
                <Alert
                  style={{ marginBottom: 12 }}
                  type={verify.ok ? 'success' : 'error'}
                  showIcon
                  title={
                    verify.ok
                      ? '全部文件与归档时记录的 SHA-256 一致'
                      : `有 ${verify.files.filter((f) => !f.ok).length} 个文件与归档时记录的不一致，请联系县政府办`
                  }
                />
              )}
              <Table<ItemFileRow>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={it.files ?? []}
                columns={[
                  { title: '序号', dataIndex: 'seq', width: 60 },
                  { title: '类型', dataIndex: 'roleLabel', width: 110 },
                  {
                    title: '文件',
                    dataIndex: 'name',
                    render: (v: string, f) => (
                      <Typography.Link href={f.url} target="_blank" rel="noopener">
                        {v}
                      </Typography.Link>
                    ),
                  },
                  { title: '大小', dataIndex: 'size', width: 100, render: (v: number) => `${(v / 1024).toFixed(1)} KB` },
                  {
                    title: 'SHA-256',
                    dataIndex: 'sha256',
                    width: 160,
                    render: (v: string) => (
                      <Typography.Text code copyable={{ text: v }}>
                        {v.slice(0, 12)}…
                      </Typography.Text>
                    ),
                  },
                  ...(verify
                    ? [
                        {
                          title: '核对',
                          key: 'v',
                          width: 80,
                          render: (_: unknown, f: ItemFileRow) =>
                            verify.files.find((x) => x.seq === f.seq)?.ok ? <Tag color="green">一致</Tag> : <Tag color="red">不一致</Tag>,
                        },
                      ]
                    : []),
                ]}
              />
              {keeper && it.status === 'filed' && (
                <Space orientation="vertical" style={{ marginTop: 16 }}>
                  <Upload
                    accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
                    showUploadList={false}
                    customRequest={({ file }) => void sendScan(file as File)}
                  >
                    <Button icon={<UploadOutlined />} size="large">
                      上传扫描件
                    </Button>
                  </Upload>
                  <Typography.Text type="secondary">{SCAN_LIMIT_TEXT}；按文件内容判断类型。</Typography.Text>
                  <SaveError save={scan} />
                </Space>
              )}
            </Card>
          </>
        )}
      </QueryState>
      <Modal
        title="设置法律保全"
        open={holdOpen}
        okText="设置保全"
        cancelText="取消"
        confirmLoading={hold.busy}
        onOk={() => void setHold()}
        onCancel={() => {
          setHoldOpen(false);
          hold.clear();
        }}
      >
        <Typography.Paragraph>保全中的档案不能列入销毁清单。请写明原因（如诉讼、审计、信访调查）。</Typography.Paragraph>
        <Input.TextArea aria-label="保全原因" rows={3} maxLength={300} value={reason} onChange={(e) => setReason(e.target.value)} />
        <SaveError save={hold} style={{ marginTop: 12 }} />
      </Modal>
    </Space>
  );
}
