import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { put } from '../../lib/http.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { useSave } from '../../lib/save.tsx';
import { EvidenceEditor, EvidenceLinks, RouteLink, type Evidence } from './shared.tsx';
import type { CardResult as Result, ScoreCard as CardView } from '../../../../../src/modules/assessment/assessment.service.ts';

const STATUS: Record<string, { label: string; color: string }> = {
  scored: { label: '已计分', color: 'green' },
  pending: { label: '待录入', color: 'orange' },
  no_data: { label: '暂无数据', color: 'default' },
  excluded: { label: '不计分', color: 'default' },
  veto_clear: { label: '未触发', color: 'green' },
  veto_triggered: { label: '触发否决', color: 'red' },
};

export function ScoreCardPage({ periodId, code }: { periodId: string; code: string }) {
  const { message } = AntApp.useApp();
  const read = useApi<CardView>(['assessment', 'score-card'], `/api/v1/assessments/${encodeURIComponent(periodId)}/units/${encodeURIComponent(code)}`);
  const saving = useSave({ toast: true });
  const [entry, setEntry] = useState<{ result: Result; value: number; note: string; evidence: Evidence[] } | null>(null);

  const save = async () => {
    if (!entry) return;
    await saving.run(async () => {
      await put(`/api/v1/assessments/${encodeURIComponent(periodId)}/manual-scores`, {
        indicatorKey: entry.result.key,
        unitCode: code,
        value: entry.value,
        note: entry.note || null,
        evidence: entry.evidence.map((e) => (e.kind === 'file' ? { fileId: e.fileId } : { url: e.url, label: e.label })),
      });
      message.success('已保存');
      setEntry(null);
    });
  };

  const card = read.data;
  if (!card)
    return (
      <QueryState query={read} what="评分表">
        {() => null}
      </QueryState>
    );
  const f = card.figures;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <RouteLink to={`/assessments?period=${encodeURIComponent(periodId)}`}>考评</RouteLink> },
          { title: card.period.name },
          { title: card.unit.name },
        ]}
      />
      <Card
        title={
          <Space wrap>
            <span style={{ fontSize: 18 }}>{card.unit.name}考评得分卡</span>
            {card.unit.isDemo ? <Tag>演示</Tag> : null}
            <Tag color={card.vetoed ? 'red' : card.passed ? 'green' : 'orange'}>{card.grade}</Tag>
          </Space>
        }
      >
        <Space size={40} wrap>
          <Statistic title="总分（百分制）" value={card.total} precision={2} />
          <Statistic title={`${card.unit.groupLabel}排名`} value={`${card.rank} / ${card.rankOf}`} />
          {card.townRank ? <Statistic title={`${card.unit.parentName ?? ''}内排名`} value={`${card.townRank} / ${card.townRankOf}`} /> : null}
          <Statistic title="计分指标分值" value={card.countedWeight} suffix="分" />
        </Space>
        <Descriptions size="small" style={{ marginTop: 16 }} column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="考评期">{`${card.period.startDate} 至 ${card.period.endDate}`}</Descriptions.Item>
          <Descriptions.Item label="数据截至">{card.asOf}</Descriptions.Item>
          <Descriptions.Item label="状态">{card.frozen ? `结果已固定（${card.computedAt.slice(0, 10)}）` : '考评进行中，得分随数据变化'}</Descriptions.Item>
          {f ? (
            <Descriptions.Item label="监测数据" span={3}>
              应公开 {f.due} 项：按时 {f.onTime}、逾期后公开 {f.late}、逾期未公开 {f.overdue}；公示期不足 {f.displayShort}；缺少渠道佐证 {f.missingChannel}
              ；适用事项 {f.applicable} 项，已覆盖 {f.covered} 项
              {card.complianceUrl ? (
                <>
                  {'\u3000'}
                  <Typography.Link href={card.complianceUrl}>查看监测明细</Typography.Link>
                </>
              ) : null}
            </Descriptions.Item>
          ) : (
            <Descriptions.Item label="监测数据" span={3}>
              暂无监测数据
            </Descriptions.Item>
          )}
        </Descriptions>
        {card.vetoed ? <Alert style={{ marginTop: 12 }} type="error" showIcon title={`单项否决：${card.vetoReasons.join('；')}`} /> : null}
        {card.incomplete ? <Alert style={{ marginTop: 12 }} type="warning" showIcon title="有人工评分指标尚未录入，暂按0分计。" /> : null}
        {card.notes.map((n) => (
          <Alert key={n} style={{ marginTop: 12 }} type="info" title={n} />
        ))}
      </Card>
      <Card title="各项指标" size="small">
        <Table<Result>
          rowKey="key"
          size="small"
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={card.results}
          columns={[
            {
              title: '指标',
              dataIndex: 'name',
              width: 180,
              render: (n: string, r) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{n}</Typography.Text>
                  <Typography.Text type="secondary">{r.kindLabel}</Typography.Text>
                </Space>
              ),
            },
            {
              title: '数据与计算',
              dataIndex: 'explanation',
              render: (e: string, r) => (
                <Space orientation="vertical" size={0}>
                  <span>{e}</span>
                  {r.ratio !== null ? <Typography.Text type="secondary">比例 {r.ratio}%</Typography.Text> : null}
                  {r.manual?.note ? <Typography.Text type="secondary">说明：{r.manual.note}</Typography.Text> : null}
                </Space>
              ),
            },
            {
              title: '得分',
              width: 120,
              align: 'right',
              render: (_, r) => (r.kind === 'veto' ? '—' : r.points === null ? '—' : `${r.points.toFixed(2)} / ${r.weight}`),
            },
            { title: '状态', width: 100, render: (_, r) => <Tag color={STATUS[r.status]?.color}>{STATUS[r.status]?.label ?? r.status}</Tag> },
            { title: '佐证', width: 280, render: (_, r) => <EvidenceLinks items={r.evidence.slice(0, 8)} /> },
            ...(card.canEnter
              ? [
                  {
                    title: '',
                    width: 90,
                    render: (_: unknown, r: Result) =>
                      r.kind === 'manual' || (r.kind === 'veto' && r.numerator === null) ? (
                        <Button
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() =>
                            setEntry({ result: r, value: r.manual?.value ?? (r.kind === 'veto' ? 0 : 100), note: r.manual?.note ?? '', evidence: [] })
                          }
                        >
                          录入
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Modal
        open={!!entry}
        width={720}
        title={entry ? `录入：${entry.result.name}` : ''}
        okText="保存"
        cancelText="取消"
        onOk={() => void save()}
        onCancel={() => setEntry(null)}
        destroyOnHidden
      >
        {entry ? (
          <Form layout="vertical">
            {entry.result.kind === 'veto' ? (
              <Form.Item label="认定结果">
                <Radio.Group
                  value={entry.value}
                  onChange={(e) => setEntry({ ...entry, value: e.target.value as number })}
                  options={[
                    { value: 0, label: '未触发' },
                    { value: 100, label: '触发单项否决（须附佐证）' },
                  ]}
                />
              </Form.Item>
            ) : (
              <Form.Item label={`得分比例（%），本项满分 ${entry.result.weight} 分`}>
                <InputNumber
                  aria-label="得分比例"
                  min={0}
                  max={100}
                  precision={2}
                  value={entry.value}
                  onChange={(v) => setEntry({ ...entry, value: Number(v ?? 0) })}
                  addonAfter="%"
                />
              </Form.Item>
            )}
            <Form.Item label="说明">
              <Input.TextArea rows={2} value={entry.note} onChange={(e) => setEntry({ ...entry, note: e.target.value })} />
            </Form.Item>
            <Form.Item label="佐证材料">
              <EvidenceEditor unitCode={code} value={entry.evidence} onChange={(evidence) => setEntry({ ...entry, evidence })} />
            </Form.Item>
          </Form>
        ) : null}
      </Modal>
    </Space>
  );
}
