import { useMemo, useState } from 'react';
import { chinaToday } from '../../lib/china-day.ts';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { formatTime, put } from '../../lib/http.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { isAdmin } from '../auth/api.ts';
import { UnitSelect } from '../../lib/components.tsx';
import { useSession } from '../../lib/session.ts';
import type { LetterSettingsBody, LetterSettingsView as Settings } from '../../../../../src/modules/requests/requests.schemas.ts';

/** The kinds of the 宿迁 set, in the server's order (LETTER_KINDS), with the register's default number series. */
const KINDS: { kind: string; title: string; example: string }[] = [
  { kind: 'registration', title: '政府信息公开申请登记表', example: '××公登〔{year}〕{n}号' },
  { kind: 'receipt', title: '政府信息公开申请接收回执', example: '××公收〔{year}〕{n}号' },
  { kind: 'clarification', title: '补正告知书', example: '××公补〔{year}〕{n}号' },
  { kind: 'reasons-request', title: '说明理由告知书', example: '××公说〔{year}〕{n}号' },
  { kind: 'extension', title: '延期答复告知书', example: '××公延〔{year}〕{n}号' },
  { kind: 'consult-third-party', title: '征求意见书（给第三方）', example: '××公征〔{year}〕{n}号' },
  { kind: 'consult-confirmation', title: '征求意见确认函', example: '××公确〔{year}〕{n}号' },
  { kind: 'consult-notice-applicant', title: '征求意见告知书（给申请人）', example: '××公征告〔{year}〕{n}号' },
  { kind: 'third-party-disclosure-notice', title: '依申请公开告知书（给第三方）', example: '××公告〔{year}〕{n}号' },
  { kind: 'consult-co-producer', title: '征求意见书（给共同制作机关）', example: '××公共征〔{year}〕{n}号' },
  { kind: 'assist', title: '协办函（给协办机关）', example: '××公协〔{year}〕{n}号' },
  { kind: 'fee-notice', title: '收费通知书（给申请人）', example: '××公费〔{year}〕{n}号' },
  { kind: 'reply', title: '答复书／告知书', example: '××公复〔{year}〕{n}号' },
];

interface FormValues {
  patterns: Record<string, string>;
  reviewBodies: string[];
  court: string;
  address: string;
  postcode: string;
  phone: string;
  contact: string;
  hours: string;
  feePaymentMethod: string;
}

function preview(pattern: string | undefined): string {
  if (!pattern?.trim()) return '';
  return pattern
    .trim()
    .replace(/\{year\}/g, String(chinaToday().year()))
    .replace(/\{n\}/g, '1');
}

const nul = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** 依申请公开文书设置: 文号 patterns, the remedy clause's bodies and the office details printed on every letter. */
export function LetterSettingsPage() {
  const { user } = useSession();
  const admin = isAdmin(user);
  const ownUnits = useMemo(
    () => [...new Map(user.roles.map((r) => [r.unitCode, r.unitName])).entries()].map(([value, label]) => ({ value, label })),
    [user.roles],
  );
  const [unit, setUnit] = useState<string | undefined>(() => ownUnits[0]?.value);
  const read = useApi<Settings>(['requests', 'letter-settings'], unit ? `/api/v1/info-requests/letter-settings/${encodeURIComponent(unit)}` : null);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        依申请公开文书设置
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        本页设置本单位出具的依申请公开文书（宿政办函〔2021〕21号文书样式）所用的文号格式、救济途径（行政复议机关、管辖法院）和联系方式。文号简称由本单位确定，系统不会自行编造：未设置文号格式的，使用系统编号；未设置行政复议机关和管辖法院的，答复书和告知书无法出具。
      </Typography.Paragraph>
      <Card size="small">
        <Space wrap>
          <label htmlFor="unit-pick">单位：</label>
          <div style={{ minWidth: 320 }}>
            {admin ? (
              <UnitSelect id="unit-pick" value={unit} onChange={setUnit} />
            ) : (
              <Select id="unit-pick" value={unit} onChange={setUnit} options={ownUnits} style={{ width: 320 }} placeholder="选择单位" />
            )}
          </div>
        </Space>
      </Card>
      {unit && (
        <QueryState query={read} what="文书设置">
          {(settings) => <SettingsForm key={`${settings.unitCode} ${settings.updatedAt ?? ''}`} settings={settings} />}
        </QueryState>
      )}
      {!unit && <Alert type="info" showIcon title="请选择单位" />}
    </Space>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { message } = App.useApp();
  const save = useSave();
  const [form] = Form.useForm<FormValues>();
  const patterns = Form.useWatch('patterns', form) ?? {};
  const initial: FormValues = {
    patterns: settings.numberPatterns,
    reviewBodies: settings.reviewBodies,
    court: settings.court ?? '',
    address: settings.office.address ?? '',
    postcode: settings.office.postcode ?? '',
    phone: settings.office.phone ?? '',
    contact: settings.office.contact ?? '',
    hours: settings.office.hours ?? '',
    feePaymentMethod: settings.feePaymentMethod ?? '',
  };

  const submit = async () => {
    const v = form.getFieldsValue(true) as FormValues;
    const body: LetterSettingsBody = {
      numberPatterns: Object.fromEntries(
        Object.entries(v.patterns ?? {})
          .filter(([, p]) => p && p.trim())
          .map(([k, p]) => [k, p.trim()]),
      ),
      reviewBodies: (v.reviewBodies ?? []).map((b) => b.trim()).filter(Boolean),
      court: nul(v.court),
      office: { address: nul(v.address), postcode: nul(v.postcode), phone: nul(v.phone), contact: nul(v.contact), hours: nul(v.hours) },
      feePaymentMethod: nul(v.feePaymentMethod),
    };
    if (await save.run(() => put(`/api/v1/info-requests/letter-settings/${encodeURIComponent(settings.unitCode)}`, body))) message.success('文书设置已保存');
  };

  const readOnly = !settings.editable;
  const notReady = settings.readiness.filter((r) => r.missing.length);
  return (
    <>
      <SaveError save={save} closable />
      {notReady.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={`还有 ${notReady.length} 类文书不能出具`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {notReady.map((r) => (
                <li key={r.kind}>
                  {r.title}：缺少{r.missing.join('、')}
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon title="各类文书的设置已齐全" />
      )}
      {readOnly && <Alert type="info" showIcon title="您可以查看本单位的文书设置；修改需由本单位审核人或县级管理员进行。" />}
      <Form form={form} layout="vertical" disabled={readOnly} initialValues={initial} onFinish={() => void submit()}>
        <Card title="文号格式" size="small">
          <Typography.Paragraph type="secondary">
            用 <Typography.Text code>{'{year}'}</Typography.Text> 表示年份、<Typography.Text code>{'{n}'}</Typography.Text> 表示当年序号，例如「泗民公复〔
            {'{year}'}〕{'{n}'}号」。各类文书的格式不能相同。未设置的，使用系统编号（如「答复〔2026〕3号」）。
          </Typography.Paragraph>
          <Table
            size="small"
            pagination={false}
            rowKey="kind"
            dataSource={KINDS}
            columns={[
              { title: '文书', dataIndex: 'title', width: 260 },
              {
                title: '文号格式',
                render: (_, k) => (
                  <Form.Item name={['patterns', k.kind]} noStyle>
                    <Input aria-label={`${k.title}文号格式`} placeholder={`如 ${k.example}`} maxLength={40} />
                  </Form.Item>
                ),
              },
              { title: '示例', width: 200, render: (_, k) => preview(patterns[k.kind]) || <Tag>使用系统编号</Tag> },
            ]}
          />
        </Card>
        <Card title="救济途径（答复书、告知书中的行政复议和行政诉讼条款）" size="small" style={{ marginTop: 16 }}>
          <Form.Item
            name="reviewBodies"
            label="行政复议机关（最多3个，依本单位实际填写）"
            extra="例如「泗阳县人民政府」。答复书将写明：可以自收到本答复书之日起60日内向上述机关申请行政复议。"
          >
            <Select mode="tags" maxCount={3} tokenSeparators={['，', ',', '；', ';']} placeholder="输入机关全称后回车" open={false} aria-label="行政复议机关" />
          </Form.Item>
          <Form.Item
            name="court"
            label="管辖法院"
            extra="例如「××县人民法院」；行政案件实行集中管辖的，填写集中管辖法院。答复书将写明：6个月内依法向该法院提起行政诉讼。"
          >
            <Input maxLength={60} aria-label="管辖法院" />
          </Form.Item>
        </Card>
        <Card title="文书上的联系方式" size="small" style={{ marginTop: 16 }}>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }} items={[{ key: 'n', label: '出具单位', children: settings.unitName }]} />
          <Space wrap align="start" style={{ width: '100%' }}>
            <Form.Item name="contact" label="联系人（或办公室）">
              <Input maxLength={40} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="phone" label="联系电话">
              <Input maxLength={40} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="postcode" label="邮政编码">
              <Input maxLength={6} style={{ width: 120 }} />
            </Form.Item>
          </Space>
          <Form.Item name="address" label="通讯地址">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="hours" label="办公时间">
            <Input maxLength={100} placeholder="如 工作日上午8:30—12:00，下午2:30—5:30" />
          </Form.Item>
          <Form.Item name="feePaymentMethod" label="信息处理费缴费方式（写入收费通知书）">
            <Input.TextArea rows={2} maxLength={300} />
          </Form.Item>
        </Card>
        {!readOnly && (
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.busy}>
              保存设置
            </Button>
            <Typography.Text type="secondary">
              {settings.updatedAt ? `上次修改：${formatTime(settings.updatedAt)}（${settings.updatedBy}）` : '尚未设置'}
            </Typography.Text>
          </Space>
        )}
      </Form>
    </>
  );
}
