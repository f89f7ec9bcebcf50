import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  List,
  Progress,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { put } from '../../lib/http.ts';
import { LoadFailed, useApi } from '../../lib/query.tsx';
import { useSave } from '../../lib/save.tsx';
import type { RolloutOverview, RolloutUnitDetail } from '../../../../../src/modules/assessment/rollout.ts';
import { EvidenceEditor, EvidenceLinks, evidenceLinks, toInput, type Evidence } from './shared.tsx';

// The server's answers (assessment.responses.ts checks them against these views), imported type-only.
type Overview = RolloutOverview;
type Detail = RolloutUnitDetail;
type Item = Detail['items'][number];
type UnitRow = Overview['units'][number];

const STATUS_COLOR = { complete: 'green', in_progress: 'blue', not_started: 'default' } as const;

function CheckEditor({ unit, item }: { unit: Detail; item: Item }) {
  const { message } = AntApp.useApp();
  const save = useSave({ toast: true });
  const [done, setDone] = useState(item.done);
  const [doneOn, setDoneOn] = useState<string | null>(item.doneOn);
  const [note, setNote] = useState(item.note ?? '');
  const [evidence, setEvidence] = useState<Evidence[]>(item.evidence);
  const [editing, setEditing] = useState(false);
  if (!editing) {
    return (
      <List.Item
        actions={
          unit.canEdit
            ? [
                <Button key="e" size="small" onClick={() => setEditing(true)}>
                  更新
                </Button>,
              ]
            : []
        }
      >
        <List.Item.Meta
          title={
            <Space wrap>
              <Tag color={item.done ? 'green' : 'default'}>{item.done ? `已完成 ${item.doneOn}` : '未完成'}</Tag>
              <span>{item.label}</span>
              {item.isDemo ? <Tag>演示</Tag> : null}
            </Space>
          }
          description={
            <Space orientation="vertical" size={2}>
              <Typography.Text type="secondary">依据：{item.source}</Typography.Text>
              {item.note ? <span>说明：{item.note}</span> : null}
              {item.evidence.length ? <EvidenceLinks items={evidenceLinks(item.evidence)} /> : null}
            </Space>
          }
        />
      </List.Item>
    );
  }
  return (
    <List.Item>
      <Form layout="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{item.label}</Typography.Text>
        <Form.Item label="是否完成">
          <Switch checked={done} onChange={setDone} checkedChildren="已完成" unCheckedChildren="未完成" />
        </Form.Item>
        {done ? (
          <Form.Item label="完成日期" required>
            <DatePicker value={doneOn ? dayjs(doneOn) : null} onChange={(d) => setDoneOn(d ? d.format('YYYY-MM-DD') : null)} />
          </Form.Item>
        ) : null}
        <Form.Item label="说明">
          <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
        <Form.Item label={done ? '佐证材料（至少一项，如公开栏照片、培训通知）' : '佐证材料'}>
          <EvidenceEditor unitCode={unit.code} value={evidence} onChange={setEvidence} />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            loading={save.busy}
            onClick={async () => {
              const body = { done, doneOn: done ? doneOn : null, note: note || null, evidence: toInput(evidence) };
              if (await save.run(() => put(`/api/v1/rollout/units/${encodeURIComponent(unit.code)}/checks/${item.key}`, body))) {
                message.success('已保存');
                setEditing(false);
              }
            }}
          >
            保存
          </Button>
          <Button onClick={() => setEditing(false)}>取消</Button>
        </Space>
      </Form>
    </List.Item>
  );
}

export function RolloutPage() {
  const { message } = AntApp.useApp();
  const [batch, setBatch] = useState<string | undefined>();
  const [town, setTown] = useState<string | undefined>();
  const [openCode, setOpenCode] = useState<string | null>(null);
  const overview = useApi<Overview>(['rollout', 'overview'], '/api/v1/rollout', { batch, townCode: town }, { keepPrevious: true });
  // The opened village's checklist; every save marks it (and the overview) stale, so both show the change.
  const unit = useApi<Detail>(['rollout', 'unit'], openCode ? `/api/v1/rollout/units/${encodeURIComponent(openCode)}` : null);
  const batchSave = useSave({ toast: true });
  const data = overview.data;
  const detail = openCode ? (unit.data ?? null) : null;
  const open = (code: string) => setOpenCode(code);
  const checkLabels = data?.checks ?? [];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="村（居）务公开标准化推进" extra={data ? <Typography.Text type="secondary">统计日期 {data.asOf}</Typography.Text> : null}>
        <Typography.Paragraph type="secondary">
          按《泗阳县推进基层政务公开与村(居)务公开标准化规范化协同发展实施方案》（泗政办发〔2023〕72号）的三批推进安排，逐村跟踪标准化检查项的完成情况和佐证。
        </Typography.Paragraph>
        <LoadFailed query={overview} what="推进情况" />
        <LoadFailed query={unit} what="检查清单" />
        {data?.demoNote ? <Alert type="warning" showIcon title={data.demoNote} style={{ marginBottom: 12 }} /> : null}
        <Row gutter={[16, 16]}>
          {(data?.batches ?? []).map((b) => (
            <Col key={b.key} xs={24} md={8}>
              <Card size="small" title={b.label}>
                <Typography.Paragraph style={{ minHeight: 44 }}>{b.text}</Typography.Paragraph>
                <Progress percent={b.units ? Math.round((b.complete / b.units) * 100) : 0} format={() => `${b.complete}/${b.units}`} />
                <Space wrap size={4}>
                  <Tag color="green">已达标 {b.complete}</Tag>
                  <Tag color="blue">推进中 {b.inProgress}</Tag>
                  <Tag>未开始 {b.notStarted}</Tag>
                  {b.late ? <Tag color="red">{`超过时限 ${b.late}`}</Tag> : null}
                </Space>
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
                  依据：{b.source}
                  {b.lateAfter ? `；${b.lateAfter}后未达标计为超过时限` : '；方案未规定完成时限'}
                </Typography.Paragraph>
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <Card size="small" title="各检查项完成情况">
        <Row gutter={[16, 8]}>
          {checkLabels.map((c) => (
            <Col key={c.key} xs={24} md={12} lg={8}>
              <Typography.Text>{c.label}</Typography.Text>
              <Progress
                percent={
                  data && data.units.length
                    ? Math.round(
                        (c.done /
                          Math.max(
                            1,
                            data.batches.reduce((s, b) => s + b.units, 0),
                          )) *
                          100,
                      )
                    : 0
                }
                format={() => `${c.done} 个`}
              />
            </Col>
          ))}
        </Row>
      </Card>
      <Card
        size="small"
        title="村（社区）清单"
        extra={
          <Space wrap>
            <Select
              aria-label="按批次筛选"
              allowClear
              placeholder="全部批次"
              style={{ width: 160 }}
              value={batch}
              onChange={setBatch}
              options={(data?.batches ?? []).map((b) => ({ value: b.key, label: b.label }))}
            />
            <Select
              aria-label="按乡镇筛选"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部乡镇（街道）"
              style={{ width: 180 }}
              value={town}
              onChange={setTown}
              options={(data?.towns ?? []).filter((t) => t.villages > 0).map((t) => ({ value: t.code, label: t.name }))}
            />
          </Space>
        }
      >
        <Table<UnitRow>
          rowKey="code"
          size="small"
          loading={!data && !overview.isError}
          dataSource={data?.units ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 900 }}
          columns={[
            {
              title: '村（社区）',
              dataIndex: 'name',
              render: (n: string, u) => (
                <Typography.Link
                  href={`?unit=${encodeURIComponent(u.code)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    open(u.code);
                  }}
                >
                  {n}
                </Typography.Link>
              ),
            },
            { title: '乡镇（街道）', render: (_, u) => u.town?.name ?? '—', width: 130 },
            {
              title: '批次',
              width: 180,
              render: (_, u) => (
                <Space size={4}>
                  {u.batchLabel}
                  {u.batchIsDemo ? <Tag>演示</Tag> : null}
                </Space>
              ),
            },
            {
              title: '检查项',
              width: 220,
              render: (_, u) => (
                <Space size={2}>
                  {checkLabels.map((c) => (
                    <Tag key={c.key} color={u.checks[c.key]?.done ? 'green' : 'default'} title={c.label}>
                      {u.checks[c.key]?.done ? '✓' : ''}
                      {c.short}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: '进度',
              width: 150,
              render: (_, u) => (
                <Space size={4}>
                  <Tag color={STATUS_COLOR[u.status]}>{u.statusLabel}</Tag>
                  {u.late ? <Tag color="red">超时限</Tag> : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title="各乡镇（街道）第二批试点村选定情况">
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={(data?.towns ?? []).filter((t) => t.villages > 0)}
          columns={[
            { title: '乡镇（街道）', dataIndex: 'name' },
            { title: '村（社区）数', dataIndex: 'villages', width: 110 },
            { title: '已达标', dataIndex: 'complete', width: 90 },
            {
              title: '第二批试点村',
              render: (_: unknown, t: Overview['towns'][number]) =>
                t.secondBatch.length ? t.secondBatch.map((v) => v.name).join('、') : <Typography.Text type="warning">尚未选定</Typography.Text>,
            },
          ]}
        />
      </Card>
      <Drawer open={!!detail} width={720} title={detail ? `${detail.name}标准化检查清单` : ''} onClose={() => setOpenCode(null)} destroyOnHidden>
        {detail ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Tag color="blue">{detail.batchLabel}</Tag>
              {detail.batchIsDemo ? <Tag>演示</Tag> : null}
              <Tag color={STATUS_COLOR[detail.status]}>{detail.statusLabel}</Tag>
              {detail.late ? <Tag color="red">超过时限</Tag> : null}
            </Space>
            <Typography.Text type="secondary">{`${detail.batchText}（${detail.batchSource}）`}</Typography.Text>
            {detail.batchNote ? <Typography.Text>{detail.batchNote}</Typography.Text> : null}
            {detail.canAssignBatch ? (
              <Space>
                <span>调整批次：</span>
                <Select
                  aria-label="调整批次"
                  style={{ width: 200 }}
                  value={detail.batch}
                  loading={batchSave.busy}
                  onChange={async (b) => {
                    if (await batchSave.run(() => put(`/api/v1/rollout/units/${encodeURIComponent(detail.code)}/batch`, { batch: b })))
                      message.success('已调整批次');
                  }}
                  options={(data?.batches ?? []).map((b) => ({ value: b.key, label: b.label }))}
                />
              </Space>
            ) : null}
            <List dataSource={detail.items} renderItem={(item) => <CheckEditor key={`${item.key}-${item.updatedAt ?? ''}`} unit={detail} item={item} />} />
          </Space>
        ) : null}
      </Drawer>
    </Space>
  );
}
