import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { chinaToday } from '../../lib/china-day.ts';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, PrinterOutlined, SendOutlined, SettingOutlined } from '@ant-design/icons';
import { post, put } from '../../lib/http.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { isAdmin } from '../auth/api.ts';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.ts';
import { UnitPicker } from '../catalog/UnitCatalogPage.tsx';
import type { ReportCheck, ReportTable } from '../../../../../src/modules/requests/annual-report/report.tables.ts';
import type { AnnualReportView } from '../../../../../src/modules/requests/annual-report/report.service.ts';
import type { AnnualReportAnswer, ReportSettingsView } from '../../../../../src/modules/requests/requests.schemas.ts';

/** The report as its route answers it: the server's view with what the caller may do. */
/** The service's view (its code unions) and what the route adds to it: the caller's permissions. */
type Report = AnnualReportView & Pick<AnnualReportAnswer, 'permissions'>;

type Settings = ReportSettingsView;

/** Table 二's blocks as in the 2021 format (row codes and columns match the server's table). */
const T2_BLOCKS = [
  { header: '第二十条第（一）项', columns: ['本年制发件数', '本年废止件数', '现行有效件数'], rows: ['rules', 'normative'], money: false },
  { header: '第二十条第（五）项', columns: ['本年处理决定数量'], rows: ['licensing'], money: false },
  { header: '第二十条第（六）项', columns: ['本年处理决定数量'], rows: ['penalty', 'enforcement'], money: false },
  { header: '第二十条第（八）项', columns: ['本年收费金额（单位：万元）'], rows: ['fees'], money: true },
];

const cellStyle = (broken: boolean, header = false): React.CSSProperties => ({
  border: '1px solid #999',
  padding: '4px 6px',
  textAlign: 'center',
  verticalAlign: 'middle',
  background: broken ? '#ffd6d6' : header ? '#fafafa' : undefined,
  outline: broken ? '2px solid #cf1322' : undefined,
  fontWeight: header ? 600 : undefined,
});

function brokenSet(checks: ReportCheck[]): Set<string> {
  const s = new Set<string>();
  for (const c of checks) for (const x of c.cells) s.add(`${c.table}|${x.row}|${x.column}`);
  return s;
}

function Table3({ t, broken }: { t: ReportTable; broken: Set<string> }) {
  const corps = t.columns.filter((c) => c.group);
  const fig = (label: string, values: (number | null)[]) =>
    values.map((v, i) => (
      <td key={i} style={cellStyle(broken.has(`三|${label}|${t.columns[i]!.label}`))} data-cell={`${label}|${t.columns[i]!.label}`}>
        {v ?? ''}
      </td>
    ));
  const results = t.rows.slice(2, 24);
  const rows: ReactNode[] = [];
  for (const r of t.rows.slice(0, 2)) {
    rows.push(
      <tr key={r.code}>
        <td colSpan={3} style={{ ...cellStyle(false), textAlign: 'left' }}>
          {r.label}
        </td>
        {fig(r.label, r.values)}
      </tr>,
    );
  }
  results.forEach((r, i) => {
    const group = r.group?.split('｜')[1] ?? null;
    const members = group ? results.filter((x) => x.group?.split('｜')[1] === group) : [];
    rows.push(
      <tr key={r.code}>
        {i === 0 && (
          <td rowSpan={results.length} style={cellStyle(false)}>
            三、本年度办理结果
          </td>
        )}
        {group ? (
          <>
            {members[0] === r && (
              <td rowSpan={members.length} style={cellStyle(false)}>
                {group}
              </td>
            )}
            <td style={{ ...cellStyle(false), textAlign: 'left' }}>{r.label}</td>
          </>
        ) : (
          <td colSpan={2} style={{ ...cellStyle(false), textAlign: 'left' }}>
            {r.label}
          </td>
        )}
        {fig(r.label, r.values)}
      </tr>,
    );
  });
  const last = t.rows[24]!;
  rows.push(
    <tr key={last.code}>
      <td colSpan={3} style={{ ...cellStyle(false), textAlign: 'left' }}>
        {last.label}
      </td>
      {fig(last.label, last.values)}
    </tr>,
  );
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', width: '100%', minWidth: 860, fontSize: 13 }} aria-label="表三 收到和处理政府信息公开申请情况">
        <thead>
          <tr>
            <th colSpan={3} rowSpan={3} style={cellStyle(false, true)}>
              （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
            </th>
            <th colSpan={t.columns.length} style={cellStyle(false, true)}>
              申请人情况
            </th>
          </tr>
          <tr>
            <th rowSpan={2} style={cellStyle(false, true)}>
              {t.columns[0]!.label}
            </th>
            <th colSpan={corps.length} style={cellStyle(false, true)}>
              {corps[0]?.group}
            </th>
            <th rowSpan={2} style={cellStyle(false, true)}>
              总计
            </th>
          </tr>
          <tr>
            {corps.map((c) => (
              <th key={c.code} style={cellStyle(false, true)}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows}</tbody>
      </table>
    </div>
  );
}

function Table4({ t, broken }: { t: ReportTable; broken: Set<string> }) {
  const values = t.rows[0]!.values;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', width: '100%', minWidth: 760, fontSize: 13 }} aria-label="表四 政府信息公开行政复议、行政诉讼情况">
        <thead>
          <tr>
            <th colSpan={5} rowSpan={2} style={cellStyle(false, true)}>
              行政复议
            </th>
            <th colSpan={10} style={cellStyle(false, true)}>
              行政诉讼
            </th>
          </tr>
          <tr>
            <th colSpan={5} style={cellStyle(false, true)}>
              未经复议直接起诉
            </th>
            <th colSpan={5} style={cellStyle(false, true)}>
              复议后起诉
            </th>
          </tr>
          <tr>
            {t.columns.map((c) => (
              <th key={c.code} style={cellStyle(false, true)}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {t.columns.map((c, i) => (
              <td key={c.code} style={cellStyle(broken.has(`四||${c.group}｜${c.label}`))}>
                {values[i] ?? ''}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

type Entry = { value: number | null; source: string };

function Table2Editor({
  t,
  sources,
  entries,
  setEntries,
  editable,
  broken,
}: {
  t: ReportTable;
  sources: Record<string, string>;
  entries: Record<string, Entry>;
  setEntries: (e: Record<string, Entry>) => void;
  editable: boolean;
  broken: Set<string>;
}) {
  const label = (code: string) => t.rows.find((r) => r.code === code)?.label ?? code;
  const rows: ReactNode[] = [];
  for (const b of T2_BLOCKS) {
    rows.push(
      <tr key={b.header}>
        <th colSpan={4} style={cellStyle(false, true)}>
          {b.header}
        </th>
      </tr>,
      <tr key={`${b.header}-h`}>
        <th style={cellStyle(false, true)}>信息内容</th>
        {b.columns.length === 1 ? (
          <th colSpan={3} style={cellStyle(false, true)}>
            {b.columns[0]}
          </th>
        ) : (
          b.columns.map((c) => (
            <th key={c} style={cellStyle(false, true)}>
              {c}
            </th>
          ))
        )}
      </tr>,
    );
    for (const code of b.rows) {
      const cells = b.columns.map((c, i) => {
        const key = `${code}.${i}`;
        const e = entries[key] ?? { value: null, source: '' };
        const isBroken = broken.has(`二|${label(code)}|${c}`);
        return (
          <td key={key} colSpan={b.columns.length === 1 ? 3 : 1} style={{ ...cellStyle(isBroken), minWidth: 170 }}>
            {editable ? (
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <InputNumber
                  aria-label={`${label(code)} ${c}`}
                  min={0}
                  precision={b.money ? 4 : 0}
                  value={e.value}
                  onChange={(v) => setEntries({ ...entries, [key]: { ...e, value: v } })}
                  style={{ width: '100%' }}
                />
                <Input
                  aria-label={`${label(code)} ${c} 数据来源`}
                  size="small"
                  placeholder="数据来源，如 法制科备案台账"
                  value={e.source}
                  onChange={(ev) => setEntries({ ...entries, [key]: { ...e, source: ev.target.value } })}
                  maxLength={200}
                />
              </Space>
            ) : (
              <>
                <div>{e.value ?? ''}</div>
                {sources[key] && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    来源：{sources[key]}
                  </Typography.Text>
                )}
              </>
            )}
          </td>
        );
      });
      rows.push(
        <tr key={code}>
          <td style={{ ...cellStyle(false), textAlign: 'left' }}>{label(code)}</td>
          {cells}
        </tr>,
      );
    }
  }
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', width: '100%', minWidth: 720, fontSize: 13 }} aria-label="表二 主动公开政府信息情况">
        <tbody>{rows}</tbody>
      </table>
    </div>
  );
}

function SettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const read = useApi<Settings>(['annual-report', 'settings'], open ? '/api/v1/annual-reports/settings' : null);
  return (
    <Modal open={open} title="年度报告全县设置" onCancel={onClose} footer={null} width={640} destroyOnHidden>
      <QueryState query={read} what="年度报告全县设置">
        {(s) => <SettingsForm s={s} onClose={onClose} />}
      </QueryState>
    </Modal>
  );
}

function SettingsForm({ s, onClose }: { s: Settings; onClose: () => void }) {
  const { message } = App.useApp();
  const [township, setTownship] = useState<'none' | 'date'>(s.townshipDue ? 'date' : 'none');
  const [month, setMonth] = useState<number | null>(s.townshipDue?.month ?? 1);
  const [day, setDay] = useState<number | null>(s.townshipDue?.day ?? 31);
  const [counting, setCounting] = useState(s.remedyCounting);
  const save = useSave();
  const submit = async () => {
    const body = { remedyCounting: counting, townshipDue: township === 'none' ? null : { month, day } };
    if (await save.run(() => put('/api/v1/annual-reports/settings', body))) {
      message.success('已保存全县设置');
      onClose();
    }
  };
  return (
    <>
      <SaveError save={save} style={{ marginBottom: 12 }} />
      <Form layout="vertical">
        <Form.Item label="表四统计口径" extra="本所依据的资料没有明确上年未审结、本年审结的案件如何统计，由县里统一确定。">
          <Radio.Group value={counting} onChange={(e) => setCounting(e.target.value)}>
            <Space orientation="vertical">
              {s.remedyCountingOptions.map((o) => (
                <Radio key={o.code} value={o.code}>
                  {o.label}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          label="乡镇（街道）年度报告期限"
          extra="条例第四十九条只规定了县政府部门（1月31日前）和县政府（3月31日前），没有规定乡镇（街道）；设定后，乡镇（街道）的期限进入本单位目录与期限和督查统计。"
        >
          <Space wrap>
            <Radio.Group value={township} onChange={(e) => setTownship(e.target.value)}>
              <Radio value="none">不设定</Radio>
              <Radio value="date">次年</Radio>
            </Radio.Group>
            <InputNumber aria-label="月" min={1} max={12} value={month} onChange={setMonth} disabled={township === 'none'} suffix="月" style={{ width: 90 }} />
            <InputNumber aria-label="日" min={1} max={31} value={day} onChange={setDay} disabled={township === 'none'} suffix="日前" style={{ width: 110 }} />
          </Space>
        </Form.Item>
      </Form>
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onClose}>取消</Button>
        <Button type="primary" loading={save.busy} onClick={() => void submit()}>
          保存
        </Button>
      </Space>
    </>
  );
}

export function AnnualReportPage() {
  const { user } = useSession();
  const params = new URLSearchParams(window.location.search);
  const thisYear = chinaToday().year();
  const [unitCode, setUnitCode] = useState<string | undefined>(params.get('unit') ?? user.roles[0]?.unitCode);
  const [year, setYear] = useState<number>(Number(params.get('year')) || thisYear - 1);
  const [scope, setScope] = useState<'unit' | 'subtree'>(params.get('scope') === 'subtree' ? 'subtree' : 'unit');
  const [settingsOpen, setSettingsOpen] = useState(false);

  const url = unitCode ? `/api/v1/annual-reports/${encodeURIComponent(unitCode)}/${year}` : null;
  const report = useApi<Report>(['annual-report', 'report'], url, { scope });
  useEffect(() => {
    // The address keeps the shown report (a link or a reload opens the same one).
    if (unitCode) window.history.replaceState(null, '', `/admin/annual-reports?unit=${encodeURIComponent(unitCode)}&year=${year}&scope=${scope}`);
  }, [unitCode, year, scope]);

  const years = Array.from({ length: thisYear - 2019 + 1 }, (_, i) => thisYear - i);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        政府信息公开工作年度报告
      </Typography.Title>
      <Card size="small">
        <Row gutter={[12, 12]} align="middle">
          <Col xs={24} md={9}>
            <UnitPicker value={unitCode} onChange={setUnitCode} />
          </Col>
          <Col xs={12} md={4}>
            <Select aria-label="年度" value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y}年度` }))} style={{ width: '100%' }} />
          </Col>
          <Col xs={12} md={5}>
            <Segmented
              value={scope}
              onChange={(v) => setScope(v as 'unit' | 'subtree')}
              options={[
                { value: 'unit', label: '本级报告' },
                { value: 'subtree', label: '汇总' },
              ]}
            />
          </Col>
          <Col xs={24} md={6} style={{ textAlign: 'right' }}>
            <Space wrap>
              {url && (
                <Button icon={<DownloadOutlined />} href={`${url}.xlsx${scope === 'subtree' ? '?scope=subtree' : ''}`}>
                  Excel
                </Button>
              )}
              {url && (
                <Button icon={<PrinterOutlined />} href={`${url}.html${scope === 'subtree' ? '?scope=subtree' : ''}`} target="_blank">
                  打印预览
                </Button>
              )}
              {isAdmin(user) && <Button icon={<SettingOutlined />} aria-label="全县设置" onClick={() => setSettingsOpen(true)} />}
            </Space>
          </Col>
        </Row>
      </Card>

      {!unitCode && <Empty description="请选择单位" />}
      {url && (
        <QueryState query={report} what="年度报告">
          {(r) => <ReportView key={`${r.unit.code} ${r.year} ${r.scope} ${r.status} ${r.updatedAt ?? ''}`} report={r} url={url} />}
        </QueryState>
      )}
      <SettingsModal open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </Space>
  );
}

/**
 * One report: its tables and checks as the server last computed them, and the draft being typed (sections, table 二,
 * fees), which starts from the saved report (the key remounts it when the saved report changes).
 */
function ReportView({ report, url }: { report: Report; url: string }) {
  const { message, modal } = App.useApp();
  const [sections, setSections] = useState(report.sections);
  const [entries, setEntries] = useState<Record<string, Entry>>(() => {
    const e: Record<string, Entry> = {};
    report.tables.table2.rows.forEach((row) =>
      row.values.forEach((v, i) => (e[`${row.code}.${i}`] = { value: v, source: report.table2Sources[`${row.code}.${i}`] ?? '' })),
    );
    return e;
  });
  const [fees, setFees] = useState<{ yuan: number | null; source: string }>({
    yuan: report.fees.yuan === null ? null : Number(report.fees.yuan),
    source: report.fees.source ?? '',
  });
  const saving = useSave({ toast: true });
  const broken = useMemo(() => brokenSet(report.checks), [report]);
  const editable = report.permissions.edit;

  const save = async () => {
    const table2: Record<string, { value: number; source: string } | null> = {};
    for (const [k, e] of Object.entries(entries)) table2[k] = e.value === null || e.value === undefined ? null : { value: e.value, source: e.source };
    const body = { sections, table2, fees: fees.yuan === null ? null : { yuan: fees.yuan, source: fees.source } };
    if (await saving.run(() => put(url, body))) message.success('已保存');
  };

  const publish = () => {
    modal.confirm({
      title: '提交发布年度报告',
      content: '将以报告全文生成一条“政府信息公开工作年度报告”公开内容草稿，报告随即锁定不能再修改；草稿按公开流程提交保密审查后发布。请先保存所有修改。',
      okText: '提交发布',
      onOk: async () => {
        if (await saving.run(() => post(`${url}/publish`))) message.success('已生成公开内容草稿');
      },
    });
  };

  const reopen = () => {
    modal.confirm({
      title: '撤回修改',
      content: '公开内容草稿尚未送审时，可以撤回修改年度报告；改好后再次提交发布，会更新同一条草稿。',
      okText: '撤回修改',
      onOk: async () => {
        if (await saving.run(() => post(`${url}/reopen`))) message.success('报告已解除锁定，可以修改');
      },
    });
  };

  return (
    <>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="报告">{report.title}</Descriptions.Item>
          <Descriptions.Item label="口径">{report.scopeLabel}</Descriptions.Item>
          <Descriptions.Item label="状态">
            {report.status === 'draft' && <Tag>草稿</Tag>}
            {report.status === 'aggregate' && <Tag color="blue">汇总统计（只读）</Tag>}
            {report.status === 'published' && (
              <Space>
                <Tag color="green">已提交发布</Tag>
                {report.disclosureId && <Typography.Link onClick={() => navigate(`/disclosures/${report.disclosureId}`)}>查看公开内容</Typography.Link>}
                {report.permissions.reopen && (
                  <Button size="small" onClick={reopen}>
                    撤回修改
                  </Button>
                )}
              </Space>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="公布期限">
            {report.deadline ? (
              <span title={report.deadline.basis}>{report.deadline.date} 前</span>
            ) : report.status === 'aggregate' ? (
              '—'
            ) : (
              '未设定（乡镇期限由县里设定）'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="表四统计口径">{report.remedyCounting.label}</Descriptions.Item>
        </Descriptions>
      </Card>

      {report.checks.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={`一致性检查未通过（${report.checks.length}项），有问题的单元格已标红`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {report.checks.map((c, i) => (
                <li key={i}>
                  表{c.table}：{c.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon title="表二、表三、表四的一致性检查全部通过" />
      )}
      {report.anomalies.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`有 ${report.anomalies.length} 条记录未能统计，请核对`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {report.anomalies.map((a) => (
                <li key={a.id}>{a.message}</li>
              ))}
            </ul>
          }
        />
      )}

      <Card title="一、总体情况" size="small">
        {editable ? (
          <Input.TextArea
            aria-label="一、总体情况"
            value={sections.overview}
            onChange={(e) => setSections({ ...sections, overview: e.target.value })}
            autoSize={{ minRows: 4, maxRows: 16 }}
            maxLength={20000}
            showCount
            placeholder="主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况"
          />
        ) : (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{sections.overview || '（无）'}</Typography.Paragraph>
        )}
      </Card>
      <Card title="二、主动公开政府信息情况" size="small" extra={<Typography.Text type="secondary">每格填写数字并注明来源；没有发生的填 0</Typography.Text>}>
        <Table2Editor t={report.tables.table2} sources={report.table2Sources} entries={entries} setEntries={setEntries} editable={editable} broken={broken} />
      </Card>
      <Card title="三、收到和处理政府信息公开申请情况" size="small" extra={<Typography.Text type="secondary">根据申请办理记录自动统计</Typography.Text>}>
        <Table3 t={report.tables.table3} broken={broken} />
      </Card>
      <Card
        title="四、政府信息公开行政复议、行政诉讼情况"
        size="small"
        extra={<Typography.Link onClick={() => navigate('/remedies')}>登记复议诉讼案件</Typography.Link>}
      >
        <Table4 t={report.tables.table4} broken={broken} />
      </Card>
      <Card title="五、存在的主要问题及改进情况" size="small">
        {editable ? (
          <Input.TextArea
            aria-label="五、存在的主要问题及改进情况"
            value={sections.problems}
            onChange={(e) => setSections({ ...sections, problems: e.target.value })}
            autoSize={{ minRows: 3, maxRows: 12 }}
            maxLength={20000}
            showCount
          />
        ) : (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{sections.problems || '（无）'}</Typography.Paragraph>
        )}
      </Card>
      <Card title="六、其他需要报告的事项" size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <span>本年度收取信息处理费</span>
            <InputNumber
              aria-label="信息处理费（元）"
              min={0}
              precision={2}
              value={fees.yuan}
              onChange={(v) => setFees({ ...fees, yuan: v })}
              disabled={!editable}
              suffix="元"
              style={{ width: 160 }}
            />
            <Input
              aria-label="信息处理费来源"
              placeholder="来源，如 非税收入缴款记录"
              value={fees.source}
              onChange={(e) => setFees({ ...fees, source: e.target.value })}
              disabled={!editable}
              style={{ width: 260 }}
              maxLength={200}
            />
          </Space>
          <Typography.Text type="secondary">
            平台收费记录：本年度缴费 {report.fees.recorded.count} 笔，合计 {report.fees.recorded.yuan} 元
            {report.fees.origin === 'entered' && report.fees.yuan !== null ? '（上面为人工填报数，以填报数为准）' : '（未人工填报时按此计）'}
          </Typography.Text>
          {editable ? (
            <Input.TextArea
              aria-label="六、其他需要报告的事项"
              value={sections.other}
              onChange={(e) => setSections({ ...sections, other: e.target.value })}
              autoSize={{ minRows: 2, maxRows: 10 }}
              maxLength={20000}
              showCount
            />
          ) : (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{sections.other || '（无）'}</Typography.Paragraph>
          )}
        </Space>
      </Card>
      {editable && (
        <Space>
          <Button type="primary" onClick={save} loading={saving.busy}>
            保存
          </Button>
          {report.permissions.publish && (
            <Button icon={<SendOutlined />} onClick={publish} disabled={report.checks.length > 0}>
              提交发布
            </Button>
          )}
        </Space>
      )}
    </>
  );
}
