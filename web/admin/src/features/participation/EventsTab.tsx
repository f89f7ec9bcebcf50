/**
 * 听证会、座谈会等活动 (admin): the events of the units in the user's scope, a page at a time, and preparing a new
 * one. A hearing asks for the participants' selection method and the day its materials were sent; the server
 * checks the 7 days of 第十七条 and names the earliest hearing date. Each event's own page runs the later steps.
 */
import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Select, Space, Tag, TimePicker } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { post, type Page } from '../../lib/http.ts';
import { navigate } from '../../lib/router.ts';
import { useApi } from '../../lib/query.tsx';
import { useSave } from '../../lib/save.tsx';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { UnitSelect } from '../../lib/components.tsx';
import { EVENT_KINDS, PHASE_COLOR, type Created, type EventRow } from './api.ts';
import { FormDialog } from '../../lib/form-dialog.tsx';
import { demo } from './shared.tsx';

const ymd = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

interface NewEvent {
  unitCode: string;
  kind: string;
  title: string;
  description: string;
  place: string;
  heldOn: Dayjs;
  heldTime: Dayjs;
  capacity?: number | null;
  selectionMethod?: string;
  registrationUntil?: Dayjs | null;
  materialsSentOn?: Dayjs | null;
}

function NewEventModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<NewEvent>();
  const save = useSave();
  const kind = Form.useWatch('kind', form);
  const submit = async (v: NewEvent) => {
    let id = '';
    const done = await save.run(async () => {
      id = (
        await post<Created>('/api/v1/participation/events', {
          unitCode: v.unitCode,
          kind: v.kind,
          title: v.title,
          description: v.description,
          place: v.place,
          heldOn: ymd(v.heldOn),
          heldTime: v.heldTime.format('HH:mm'),
          capacity: v.capacity ?? null,
          selectionMethod: v.selectionMethod?.trim() || null,
          registrationUntil: ymd(v.registrationUntil),
          materialsSentOn: ymd(v.materialsSentOn),
        })
      ).id;
    });
    if (!done) return;
    onClose();
    navigate(`/participation/events/${encodeURIComponent(id)}`);
  };
  return (
    <FormDialog title="筹备活动" okText="保存" form={form} save={save} onSubmit={submit} onClose={onClose} width={720}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'hearing' }} preserve={false}>
        <Form.Item name="unitCode" label="举办单位" rules={[{ required: true, message: '请选择单位' }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="kind" label="活动类型" rules={[{ required: true }]}>
          <Select options={EVENT_KINDS} />
        </Form.Item>
        <Form.Item name="title" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="description"
          label={kind === 'hearing' ? '听证事项、草案及说明' : '活动内容'}
          rules={[{ required: true, whitespace: true, message: '请填写内容' }]}
        >
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
        <Form.Item name="place" label="地点" rules={[{ required: true, whitespace: true, message: '请填写地点' }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="heldOn" label="举行日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="heldTime" label="开始时间" rules={[{ required: true, message: '请选择时间' }]}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="capacity" label="名额">
            <InputNumber min={1} max={100000} />
          </Form.Item>
          <Form.Item name="registrationUntil" label="报名截止">
            <DatePicker />
          </Form.Item>
        </Space>
        {kind === 'hearing' ? (
          <>
            <Form.Item
              name="selectionMethod"
              label="参加人遴选方式（随公告公布）"
              rules={[{ required: true, whitespace: true, message: '听证会须公布遴选方式' }]}
            >
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
            <Form.Item
              name="materialsSentOn"
              label="听证材料送达日期"
              rules={[{ required: true, message: '请选择送达日期' }]}
              extra="材料须在听证会7日前送达参加人（《重大行政决策程序暂行条例》第十七条）。"
            >
              <DatePicker />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </FormDialog>
  );
}

export function EventsTab({ canCreate }: { canCreate: boolean }) {
  const paging = usePaging();
  const q = useApi<Page<EventRow>>(['participation', 'events'], '/api/v1/participation/events', paging.limits, { keepPrevious: true });
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<EventRow> = [
    {
      title: '活动',
      render: (_, r) => (
        <a
          href={`/admin/participation/events/${encodeURIComponent(r.id)}`}
          onClick={(e) => (e.preventDefault(), navigate(`/participation/events/${encodeURIComponent(r.id)}`))}
        >
          {r.kindText}：{r.title} {demo(r.isDemo)}
        </a>
      ),
    },
    { title: '单位', dataIndex: 'unitName', responsive: ['md'] },
    { title: '时间', render: (_, r) => `${r.heldOn} ${r.heldTime}` },
    { title: '进度', render: (_, r) => <Tag color={PHASE_COLOR[r.phase]}>{r.phaseText}</Tag> },
  ];
  return (
    <>
      {canCreate ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 12 }}>
          筹备活动
        </Button>
      ) : null}
      <PagedTable rowKey="id" query={q} what="活动" paging={paging} columns={columns} empty="暂无听证会、座谈会等活动" unit="项" />
      {creating ? <NewEventModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
