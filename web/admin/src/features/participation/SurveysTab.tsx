/**
 * 问卷调查 (admin): the list (发布, 公布结果, .xlsx), the question builder for a new or draft questionnaire (single and
 * multiple choice, 1–5 rating, short text, required or not, skip rules on single choice — the server validates and names
 * the question it refuses), the batches of one-time answer codes (a PDF of QR slips per household, counted used/total),
 * the county template's 群众满意度调查 for one village, and the county's schedules that open it in every village (the county
 * admin adds, edits, pauses and resumes them: a paused schedule starts no round, and resuming makes up no missed one).
 */
import { useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { ScheduleView, SurveyDetail } from '../../../../../src/modules/participation/participation.schemas.ts';
import { post, postForFile, put } from '../../lib/http.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { UnitSelect } from '../../lib/components.tsx';
import { STATUS_COLOR, type ScheduleList, type SurveyList, type SurveySummary } from './api.ts';
import { FormDialog } from '../../lib/form-dialog.tsx';
import { demo, titleColumn } from './shared.tsx';

const surveyPath = (id: string) => `/api/v1/participation/surveys/${encodeURIComponent(id)}`;

const QUESTION_TYPES = [
  { value: 'single', label: '单选题' },
  { value: 'multiple', label: '多选题' },
  { value: 'rating', label: '评分题（1—5分）' },
  { value: 'text', label: '简答题' },
];
/** The methods a unit can choose here; 短信验证码 needs an SMS gateway, which this platform does not have. */
const METHODS = [
  { value: 'codes', label: '一次性答题码（按户发放二维码纸条）' },
  { value: 'open', label: '公开作答，每台设备限答次数' },
];
const EVERY = [
  { value: 'yearly', label: '每年一次' },
  { value: 'half_yearly', label: '每半年一次' },
  { value: 'quarterly', label: '每季度一次' },
];

// ---------------------------------------------------------------------------------------------------------------
// The builder. Questions and options get their ids from their place (q1, q2 …; a, b …); a skip rule names an option
// by its place and a later question (or the end).

interface SkipValue {
  option?: number;
  goTo?: string;
}
interface QuestionValue {
  type: string;
  title: string;
  required: boolean;
  /** One option per line (choice questions). */
  options?: string;
  maxLength?: number | null;
  skip?: SkipValue[];
}
interface BuilderValues {
  unitCode: string;
  kind: string;
  title: string;
  intro: string;
  period: [Dayjs, Dayjs];
  method: string;
  perDevice?: number | null;
  questions: QuestionValue[];
}

const optionId = (i: number) => String.fromCharCode(97 + i);
const lines = (s?: string) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const isChoice = (t?: string) => t === 'single' || t === 'multiple';

function toQuestions(values: QuestionValue[]) {
  return values.map((q, i) => {
    const opts = lines(q.options);
    return {
      id: `q${i + 1}`,
      type: q.type,
      title: q.title,
      required: !!q.required,
      ...(isChoice(q.type) ? { options: opts.map((label, k) => ({ id: optionId(k), label })) } : {}),
      ...(q.type === 'text' && q.maxLength ? { maxLength: q.maxLength } : {}),
      ...(q.type === 'single' && q.skip?.length
        ? { skip: q.skip.filter((s) => s.option !== undefined && s.goTo).map((s) => ({ option: optionId(s.option!), goTo: s.goTo! })) }
        : {}),
    };
  });
}

function fromDetail(d: SurveyDetail): BuilderValues {
  const place = new Map(d.questions.map((q, i) => [q.id, `q${i + 1}`]));
  return {
    unitCode: d.unitCode,
    kind: d.kind,
    title: d.title,
    intro: d.intro,
    period: [dayjs(d.startOn), dayjs(d.endOn)],
    method: d.method,
    perDevice: d.perDevice,
    questions: d.questions.map((q) => ({
      type: q.type,
      title: q.title,
      required: q.required,
      options: (q.options ?? []).map((o) => o.label).join('\n'),
      maxLength: q.maxLength ?? null,
      skip: (q.skip ?? []).map((s) => ({
        option: (q.options ?? []).findIndex((o) => o.id === s.option),
        goTo: s.goTo === 'end' ? 'end' : place.get(s.goTo),
      })),
    })),
  };
}

function SkipRules({ form, index }: { form: FormInstance<BuilderValues>; index: number }) {
  const all = (Form.useWatch('questions', form) ?? []) as QuestionValue[];
  const opts = lines(all[index]?.options).map((label, k) => ({ value: k, label }));
  const later = [
    ...all.slice(index + 1).map((q, k) => ({ value: `q${index + k + 2}`, label: `第${index + k + 2}题 ${q?.title ?? ''}` })),
    { value: 'end', label: '结束问卷' },
  ];
  return (
    <Form.List name={[index, 'skip']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" wrap>
              <span>选</span>
              <Form.Item name={[f.name, 'option']} rules={[{ required: true, message: '请选择选项' }]}>
                <Select style={{ minWidth: 140 }} options={opts} aria-label="跳题选项" />
              </Form.Item>
              <span>时跳到</span>
              <Form.Item name={[f.name, 'goTo']} rules={[{ required: true, message: '请选择跳到哪里' }]}>
                <Select style={{ minWidth: 180 }} options={later} aria-label="跳到" />
              </Form.Item>
              <MinusCircleOutlined aria-label="删除跳题规则" onClick={() => remove(f.name)} />
            </Space>
          ))}
          <Button size="small" type="dashed" onClick={() => add({})} disabled={opts.length < 2}>
            添加跳题规则
          </Button>
        </>
      )}
    </Form.List>
  );
}

function QuestionsEditor({ form }: { form: FormInstance<BuilderValues> }) {
  const all = (Form.useWatch('questions', form) ?? []) as QuestionValue[];
  return (
    <Form.List name="questions">
      {(fields, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.map((f, i) => {
            const type = all[i]?.type;
            return (
              <Card
                key={f.key}
                size="small"
                title={`第${i + 1}题`}
                extra={
                  <Button size="small" danger onClick={() => remove(f.name)}>
                    删除
                  </Button>
                }
              >
                <Space wrap align="baseline">
                  <Form.Item name={[f.name, 'type']} label="题型" rules={[{ required: true }]}>
                    <Select style={{ width: 160 }} options={QUESTION_TYPES} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked">
                    <Checkbox>必答</Checkbox>
                  </Form.Item>
                </Space>
                <Form.Item name={[f.name, 'title']} label="题目" rules={[{ required: true, whitespace: true, message: `请填写第${i + 1}题的题目` }]}>
                  <Input maxLength={300} />
                </Form.Item>
                {isChoice(type) ? (
                  <Form.Item
                    name={[f.name, 'options']}
                    label="选项（每行一个）"
                    rules={[{ validator: (_, v?: string) => (lines(v).length >= 2 ? Promise.resolve() : Promise.reject(new Error('选择题至少需要两个选项'))) }]}
                  >
                    <Input.TextArea rows={3} />
                  </Form.Item>
                ) : null}
                {type === 'text' ? (
                  <Form.Item name={[f.name, 'maxLength']} label="字数上限">
                    <InputNumber min={1} max={500} />
                  </Form.Item>
                ) : null}
                {type === 'single' ? <SkipRules form={form} index={i} /> : null}
              </Card>
            );
          })}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'single', title: '', required: true })}>
            添加题目
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

/**
 * How the questionnaire reads on a phone (390 px wide), as typed so far, and in 长辈模式 (the portal's 适老化 mode: 22 px
 * type, wider lines). The portal page itself is the answering form once published; this shows the wording, the order,
 * what is required and the skip hints the page prints.
 */
function SurveyPreview({ title, intro, questions, onClose }: { title: string; intro: string; questions: ReturnType<typeof toQuestions>; onClose: () => void }) {
  const [elder, setElder] = useState(false);
  const text = { fontSize: elder ? 22 : 16, lineHeight: elder ? 1.9 : 1.6 };
  return (
    <Modal open title="手机预览" onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} width={470} destroyOnHidden>
      <Checkbox checked={elder} onChange={(e) => setElder(e.target.checked)} style={{ marginBottom: 12 }}>
        长辈模式（大字）
      </Checkbox>
      <div
        data-testid="survey-preview"
        style={{ width: 390, maxHeight: 600, overflowY: 'auto', border: '1px solid #d9d9d9', borderRadius: 12, padding: 16, ...text }}
      >
        <div style={{ fontWeight: 600, fontSize: text.fontSize * 1.25 }}>{title || '（未填写标题）'}</div>
        <p>{intro}</p>
        {questions.map((q, i) => (
          <fieldset key={q.id} style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
            <legend style={{ fontSize: text.fontSize, fontWeight: 600 }}>
              {i + 1}. {q.title || '（未填写题目）'}
              {q.required ? '（必答）' : ''}
            </legend>
            {q.type === 'single' || q.type === 'multiple' ? (
              (q.options ?? []).map((o) => (
                <div key={o.id}>
                  {q.type === 'single' ? '○' : '□'} {o.label}
                </div>
              ))
            ) : q.type === 'rating' ? (
              [1, 2, 3, 4, 5].map((n) => (
                <span key={n} style={{ marginRight: 12 }}>
                  ○ {n}分
                </span>
              ))
            ) : (
              <div style={{ border: '1px solid #d9d9d9', height: 64 }} />
            )}
            {(q.skip ?? []).map((r) => (
              <div key={r.option} style={{ color: '#4a5360' }}>
                选“{q.options?.find((o) => o.id === r.option)?.label}”的，{r.goTo === 'end' ? '问卷到此结束' : `跳到第${r.goTo.slice(1)}题`}
              </div>
            ))}
          </fieldset>
        ))}
      </div>
    </Modal>
  );
}

/** New questionnaire, or a draft's edit (`draft`): saved as a draft; 发布 in the list makes it answerable. */
function SurveyBuilder({ draft, onClose }: { draft: SurveyDetail | null; onClose: () => void }) {
  const [form] = Form.useForm<BuilderValues>();
  const method = Form.useWatch('method', form);
  const [previewing, setPreviewing] = useState(false);
  const save = useSave();
  const { message } = App.useApp();
  const submit = async (v: BuilderValues) => {
    const body = {
      kind: v.kind,
      title: v.title,
      intro: v.intro,
      questions: toQuestions(v.questions ?? []),
      method: v.method,
      perDevice: v.method === 'open' ? (v.perDevice ?? 1) : null,
      startOn: v.period[0].format('YYYY-MM-DD'),
      endOn: v.period[1].format('YYYY-MM-DD'),
    };
    const ok = await save.run(() => (draft ? put(surveyPath(draft.id), body) : post('/api/v1/participation/surveys', { unitCode: v.unitCode, ...body })));
    if (ok) {
      message.success('问卷已保存为草稿');
      onClose();
    }
  };
  const initial: Partial<BuilderValues> = draft
    ? fromDetail(draft)
    : { kind: 'survey', method: 'codes', questions: [{ type: 'single', title: '', required: true }] };
  return (
    <FormDialog title={draft ? '修改问卷' : '新建问卷'} okText="保存草稿" form={form} save={save} onSubmit={submit} onClose={onClose} width={800}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        {draft ? null : (
          <Form.Item name="unitCode" label="调查单位" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitSelect />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              options={[
                { value: 'survey', label: '问卷调查' },
                { value: 'poll', label: '民意调查' },
              ]}
            />
          </Form.Item>
          <Form.Item name="period" label="作答时间" rules={[{ required: true, message: '请选择开始和结束日期' }]}>
            <DatePicker.RangePicker />
          </Form.Item>
        </Space>
        <Form.Item name="title" label="问卷标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="intro" label="说明（告诉群众调查什么、怎样作答）" rules={[{ required: true, whitespace: true, message: '请填写说明' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space wrap align="baseline">
          <Form.Item name="method" label="一人一份的保证方式" rules={[{ required: true }]} extra="短信验证码须配置短信网关，本平台没有短信网关，不能选用。">
            <Select style={{ width: 300 }} options={METHODS} />
          </Form.Item>
          {method === 'open' ? (
            <Form.Item name="perDevice" label="每台设备限答（份）">
              <InputNumber min={1} max={10} />
            </Form.Item>
          ) : null}
        </Space>
        <QuestionsEditor form={form} />
        <Button style={{ marginTop: 12 }} onClick={() => setPreviewing(true)}>
          手机预览
        </Button>
      </Form>
      {previewing ? (
        <SurveyPreview
          title={form.getFieldValue('title') ?? ''}
          intro={form.getFieldValue('intro') ?? ''}
          questions={toQuestions(form.getFieldValue('questions') ?? [])}
          onClose={() => setPreviewing(false)}
        />
      ) : null}
    </FormDialog>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Answer codes

function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function CodeBatches({ survey, onClose }: { survey: SurveySummary; onClose: () => void }) {
  const q = useApi<SurveyDetail>(['participation', 'survey', survey.id], surveyPath(survey.id));
  const [count, setCount] = useState<number | null>(30);
  const save = useSave();
  const { message } = App.useApp();
  const generate = async () => {
    const got: { file?: { blob: Blob; filename: string | null } } = {};
    const ok = await save.run(async () => {
      got.file = await postForFile(`${surveyPath(survey.id)}/code-batches`, { count: count ?? 0 });
    });
    if (ok && got.file) {
      saveBlob(got.file.blob, got.file.filename ?? `${survey.title}-答题码.pdf`);
      message.success(`已生成${count}个答题码，请打印纸条按户发放`);
    }
  };
  return (
    <Modal open title={`答题码：${survey.title}`} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        每户一张二维码纸条，一个答题码只能作答一次。答题码只在生成时出现在 PDF 中，平台只保存它的校验值：请妥善打印和保管。
      </Typography.Paragraph>
      <SaveError save={save} style={{ marginBottom: 12 }} />
      <Space wrap style={{ marginBottom: 12 }}>
        <span>本批份数</span>
        <InputNumber aria-label="本批份数" min={1} max={2000} value={count} onChange={(v) => setCount(v)} />
        <Button type="primary" loading={save.busy} disabled={!count} onClick={() => void generate()}>
          生成并下载二维码纸条
        </Button>
      </Space>
      <QueryState query={q} what="答题码批次">
        {(d) => (
          <Table
            rowKey="batchNo"
            size="small"
            pagination={false}
            dataSource={d.codeBatches}
            locale={{ emptyText: '尚未生成答题码' }}
            columns={[
              { title: '批次', dataIndex: 'batchNo', render: (n: number) => `第${n}批` },
              { title: '份数', dataIndex: 'total' },
              { title: '已作答', dataIndex: 'used' },
              { title: '生成时间', dataIndex: 'createdAt', render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
            ]}
            summary={(rows) => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1}>{rows.reduce((n, r) => n + r.total, 0)}</Table.Summary.Cell>
                <Table.Summary.Cell index={2}>{rows.reduce((n, r) => n + r.used, 0)}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} />
              </Table.Summary.Row>
            )}
          />
        )}
      </QueryState>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// 群众满意度调查: one village now, or the county's schedule

function SatisfactionStart({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<{ unitCode: string; period: [Dayjs, Dayjs]; method: string }>();
  const save = useSave();
  const { message } = App.useApp();
  const submit = async (v: { unitCode: string; period: [Dayjs, Dayjs]; method: string }) => {
    const body = { unitCode: v.unitCode, startOn: v.period[0].format('YYYY-MM-DD'), endOn: v.period[1].format('YYYY-MM-DD'), method: v.method };
    if (await save.run(() => post('/api/v1/participation/satisfaction/surveys', body))) {
      message.success('已按县里的模板建好满意度调查（草稿），发布后即可作答');
      onClose();
    }
  };
  return (
    <FormDialog title="发起群众满意度调查" okText="建立" form={form} save={save} onSubmit={submit} onClose={onClose}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ method: 'codes' }}>
        <Typography.Paragraph type="secondary">题目用县里的满意度问卷模板（县级自定），结果计入考评的群众满意度指标。</Typography.Paragraph>
        <Form.Item name="unitCode" label="村（社区）" rules={[{ required: true, message: '请选择村（社区）' }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="period" label="作答时间" rules={[{ required: true, message: '请选择开始和结束日期' }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="method" label="一户一份的保证方式" rules={[{ required: true }]}>
          <Select options={METHODS} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

interface ScheduleSettings {
  every: string;
  opensMonthDay: string;
  openDays: number;
  method: string;
}

/**
 * 新增安排 (no `editing`) or 修改 a schedule: the scope is fixed once set; new settings apply from the next round (a
 * round already open keeps its dates, and none whose opening day has passed is started late).
 */
function ScheduleDialog({ editing, onClose }: { editing: ScheduleView | null; onClose: () => void }) {
  const [form] = Form.useForm<ScheduleSettings & { rootUnitCode: string }>();
  const save = useSave();
  const { message } = App.useApp();
  const submit = async (v: ScheduleSettings & { rootUnitCode: string }) => {
    const settings = { every: v.every, opensMonthDay: v.opensMonthDay, openDays: v.openDays, method: v.method };
    const ok = await save.run(() =>
      editing
        ? put(`/api/v1/participation/satisfaction/schedules/${encodeURIComponent(editing.id)}`, settings)
        : post('/api/v1/participation/satisfaction/schedules', { rootUnitCode: v.rootUnitCode, ...settings }),
    );
    if (ok) {
      message.success(editing ? '安排已修改，从下一期起按新的安排开展' : '已安排；每期开始当天，各村（社区）自动生成满意度调查');
      onClose();
    }
  };
  const initial = editing
    ? { every: editing.every, opensMonthDay: editing.opensMonthDay, openDays: editing.openDays, method: editing.method }
    : { every: 'yearly', opensMonthDay: '11-01', openDays: 30, method: 'codes' };
  return (
    <FormDialog
      title={editing ? `修改安排：${editing.rootName}` : '安排定期满意度调查'}
      okText="保存"
      form={form}
      save={save}
      onSubmit={submit}
      onClose={onClose}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        {editing ? (
          <Typography.Paragraph type="secondary">修改从下一期起生效：已经开始的一期按原来的日期作答；开始日已过的一期不再补做。</Typography.Paragraph>
        ) : (
          <Form.Item name="rootUnitCode" label="范围（该单位下的所有村、社区）" rules={[{ required: true, message: '请选择范围' }]}>
            <UnitSelect />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="every" label="频次" rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={EVERY} />
          </Form.Item>
          <Form.Item name="opensMonthDay" label="每期开始（月-日）" rules={[{ required: true, message: '请填写，如 11-01' }]}>
            <Input style={{ width: 100 }} maxLength={5} />
          </Form.Item>
          <Form.Item name="openDays" label="作答期（天）" rules={[{ required: true, message: '请填写天数' }]}>
            <InputNumber min={7} max={90} />
          </Form.Item>
        </Space>
        <Form.Item name="method" label="一户一份的保证方式" rules={[{ required: true }]}>
          <Select options={METHODS} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function Schedules({ canSchedule }: { canSchedule: boolean }) {
  const q = useApi<ScheduleList>(['participation', 'schedules'], '/api/v1/participation/satisfaction/schedules');
  const [dialog, setDialog] = useState<{ editing: ScheduleView | null } | null>(null);
  const [confirming, setConfirming] = useState<ScheduleView | null>(null);
  const save = useSave();
  const { message } = App.useApp();
  const toggle = async (s: ScheduleView) => {
    const path = `/api/v1/participation/satisfaction/schedules/${encodeURIComponent(s.id)}/${s.active ? 'pause' : 'resume'}`;
    if (await save.run(() => post(path))) {
      message.success(s.active ? '已暂停，不再开始新的一期' : '已恢复，从下一期开始');
      setConfirming(null);
    }
  };
  const columns: TableColumnsType<ScheduleView> = [
    {
      title: '范围',
      dataIndex: 'rootName',
      render: (t: string, r) => (
        <>
          {t} {demo(r.isDemo)}
        </>
      ),
    },
    { title: '频次', dataIndex: 'every', render: (v: string) => EVERY.find((e) => e.value === v)?.label ?? v },
    { title: '每期开始', dataIndex: 'opensMonthDay' },
    { title: '作答期', dataIndex: 'openDays', render: (n: number) => `${n}天` },
    { title: '方式', dataIndex: 'method', render: (v: string) => METHODS.find((m) => m.value === v)?.label ?? v },
    {
      title: '状态',
      render: (_, r) => (
        <>
          {r.active ? <Tag color="green">执行中</Tag> : <Tag>已暂停</Tag>}
          {r.active && r.roundsFrom ? <Typography.Text type="secondary">{`${r.roundsFrom}起，此前开始日已过的各期不补做`}</Typography.Text> : null}
        </>
      ),
    },
  ];
  if (canSchedule)
    columns.push({
      title: '操作',
      render: (_, r) => (
        <Space wrap>
          <Button size="small" onClick={() => setDialog({ editing: r })}>
            修改
          </Button>
          <Button
            size="small"
            onClick={() => {
              save.clear();
              setConfirming(r);
            }}
          >
            {r.active ? '暂停' : '恢复'}
          </Button>
        </Space>
      ),
    });
  return (
    <Card
      size="small"
      title="定期群众满意度调查"
      extra={
        canSchedule ? (
          <Button size="small" onClick={() => setDialog({ editing: null })}>
            新增安排
          </Button>
        ) : null
      }
    >
      <QueryState query={q} what="满意度调查安排">
        {(d) => <Table rowKey="id" size="small" pagination={false} dataSource={d.items} locale={{ emptyText: '尚未安排定期满意度调查' }} columns={columns} />}
      </QueryState>
      {dialog ? <ScheduleDialog editing={dialog.editing} onClose={() => setDialog(null)} /> : null}
      {confirming ? (
        <Modal
          open
          title={confirming.active ? `暂停安排：${confirming.rootName}` : `恢复安排：${confirming.rootName}`}
          okText={confirming.active ? '暂停' : '恢复'}
          cancelText="取消"
          confirmLoading={save.busy}
          onOk={() => void toggle(confirming)}
          onCancel={() => setConfirming(null)}
          destroyOnHidden
        >
          <SaveError save={save} style={{ marginBottom: 12 }} />
          <Typography.Paragraph>
            {confirming.active
              ? '暂停后，各村（社区）不再开始新的一期满意度调查；已经开始的一期照常作答到结束。'
              : '恢复后，从开始日在今天及以后的下一期起照常开展；暂停期间开始日已过的各期（包括正在作答期内的这一期）不补做。'}
          </Typography.Paragraph>
        </Modal>
      ) : null}
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------------------------

function EditDraft({ id, onClose }: { id: string; onClose: () => void }) {
  const q = useApi<SurveyDetail>(['participation', 'survey', id], surveyPath(id));
  if (!q.data) return null;
  return <SurveyBuilder draft={q.data} onClose={onClose} />;
}

export function SurveysTab({ canEdit, canSchedule }: { canEdit: boolean; canSchedule: boolean }) {
  const q = useApi<SurveyList>(['participation', 'surveys'], '/api/v1/participation/surveys');
  const save = useSave({ toast: true });
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'new' | 'edit' | 'codes' | 'satisfaction'; survey?: SurveySummary } | null>(null);
  const act = async (id: string, path: string, done: string) => {
    setBusy(id);
    if (await save.run(() => post(`${surveyPath(id)}/${path}`))) message.success(done);
    setBusy(null);
  };
  const columns: TableColumnsType<SurveySummary> = [
    titleColumn<SurveySummary>('问卷'),
    { title: '单位', dataIndex: 'unitName', responsive: ['md'] },
    { title: '类型', dataIndex: 'kindText', responsive: ['lg'] },
    { title: '作答方式', dataIndex: 'methodText', responsive: ['lg'] },
    { title: '作答时间', render: (_, r) => `${r.startOn} 至 ${r.endOn}`, responsive: ['md'] },
    { title: '状态', render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{r.resultsPublished ? '结果已公布' : r.statusText}</Tag> },
    { title: '有效问卷', dataIndex: 'responses' },
    {
      title: '操作',
      render: (_, r) => (
        <Space wrap>
          {canEdit && r.status === 'draft' ? (
            <>
              {/* The satisfaction survey keeps the county template's questions (its 满意 options feed the assessment). */}
              {r.kind !== 'satisfaction' ? (
                <Button size="small" onClick={() => setDialog({ kind: 'edit', survey: r })}>
                  修改
                </Button>
              ) : null}
              <Button size="small" type="primary" loading={busy === r.id} onClick={() => void act(r.id, 'publish', '问卷已发布')}>
                发布
              </Button>
            </>
          ) : null}
          {canEdit && r.method === 'codes' && r.status !== 'closed' ? (
            <Button size="small" onClick={() => setDialog({ kind: 'codes', survey: r })}>
              答题码
            </Button>
          ) : null}
          {canEdit && r.status === 'closed' && !r.resultsPublished ? (
            <Button size="small" type="primary" loading={busy === r.id} onClick={() => void act(r.id, 'results/publish', '结果已公布')}>
              公布结果
            </Button>
          ) : null}
          {r.status !== 'draft' ? (
            <Button size="small" href={`${surveyPath(r.id)}/results.xlsx`}>
              导出结果
            </Button>
          ) : null}
          {r.resultsPublished ? (
            <Button size="small" href={`/participation/surveys/${encodeURIComponent(r.id)}/results`} target="_blank">
              公开页
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {canEdit ? (
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'new' })}>
            新建问卷
          </Button>
          <Button onClick={() => setDialog({ kind: 'satisfaction' })}>发起群众满意度调查</Button>
        </Space>
      ) : null}
      <QueryState query={q} what="问卷">
        {(d) => <Table rowKey="id" columns={columns} dataSource={d.items} pagination={{ pageSize: 20 }} locale={{ emptyText: '暂无问卷' }} />}
      </QueryState>
      <Schedules canSchedule={canSchedule} />
      {dialog?.kind === 'new' ? <SurveyBuilder draft={null} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' && dialog.survey ? <EditDraft id={dialog.survey.id} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'codes' && dialog.survey ? <CodeBatches survey={dialog.survey} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'satisfaction' ? <SatisfactionStart onClose={() => setDialog(null)} /> : null}
    </Space>
  );
}
