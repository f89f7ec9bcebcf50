/**
 * 查阅点与库房: the reading point's register of consultations (one month at a time, visitors' names and phones hidden
 * outside the record itself, the printable 查阅登记簿), the archive room's 人员出入台账 (entries, items taken out and
 * returned, those out longer than the county's N days flagged) and the visits per village. The server decides every
 * read and write (archives.policy.ts: staff see, the archivist and the village clerk on duty write).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { formatTime, post } from '../../lib/http.ts';
import { useSession } from '../../lib/session.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { UnitSelect } from '../../lib/components.tsx';
import { ItemPicker } from './ItemPicker.tsx';
import { isOnDuty, type RoomLedger, type VisitFigures, type VisitRegister, type VisitView } from './api.ts';

type Entry = RoomLedger['items'][number];
type Loan = Entry['items'][number];

function UnitBar({ unit, setUnit, children }: { unit?: string; setUnit: (v: string) => void; children?: React.ReactNode }) {
  return (
    <Form layout="inline" style={{ rowGap: 8 }}>
      <Form.Item label="单位" style={{ minWidth: 280 }}>
        <UnitSelect value={unit} onChange={setUnit} />
      </Form.Item>
      {children}
    </Form>
  );
}

interface VisitForm {
  visitedOn: Dayjs;
  visitorName: string;
  visitorPhone?: string;
  purpose: string;
  itemIds?: string[];
  otherMaterial?: string;
  staffOnDuty: string;
}

function VisitModal({ unitCode, open, onClose }: { unitCode: string; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const [form] = Form.useForm<VisitForm>();
  const save = useSave();
  const submit = async (v: VisitForm) => {
    const ok = await save.run(() =>
      post<VisitView>(`/api/v1/archives/units/${encodeURIComponent(unitCode)}/visits`, {
        visitedOn: v.visitedOn.format('YYYY-MM-DD'),
        visitorName: v.visitorName,
        visitorPhone: v.visitorPhone?.trim() || null,
        purpose: v.purpose,
        itemIds: v.itemIds ?? [],
        otherMaterial: v.otherMaterial?.trim() || null,
        staffOnDuty: v.staffOnDuty,
      }),
    );
    if (!ok) return;
    message.success('查阅已登记');
    form.resetFields();
    onClose();
  };
  const close = () => {
    save.clear();
    onClose();
  };
  return (
    <Modal
      title="登记一次查阅"
      open={open}
      onCancel={close}
      onOk={() => form.submit()}
      okText="登记"
      cancelText="取消"
      confirmLoading={save.busy}
      destroyOnHidden
    >
      <Form<VisitForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ visitedOn: dayjs(), staffOnDuty: user.displayName }}
        preserve={false}
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="查阅人姓名和电话只保存在本条记录中，登记簿、统计和打印件上只显示姓氏和隐去中间位的号码。"
        />
        <Form.Item name="visitedOn" label="查阅日期" rules={[{ required: true, message: '请选择查阅日期' }]}>
          <DatePicker />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="visitorName" label="查阅人姓名" rules={[{ required: true, whitespace: true, message: '请填写查阅人姓名' }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="visitorPhone" label="联系电话">
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Space>
        <Form.Item name="itemIds" label="查阅的档案（从档案目录中选）">
          <ItemPicker unitCode={unitCode} />
        </Form.Item>
        <Form.Item name="otherMaterial" label="其他查阅材料">
          <Input maxLength={300} placeholder="目录中没有的材料，如当期公开栏内容" />
        </Form.Item>
        <Form.Item name="purpose" label="查阅目的" rules={[{ required: true, whitespace: true, message: '请填写查阅目的' }]}>
          <Input.TextArea maxLength={300} rows={2} />
        </Form.Item>
        <Form.Item name="staffOnDuty" label="值班人员" rules={[{ required: true, whitespace: true, message: '请填写值班人员' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <SaveError save={save} />
      </Form>
    </Modal>
  );
}

function VisitsTab({ unit, setUnit, duty }: { unit?: string; setUnit: (v: string) => void; duty: boolean }) {
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [adding, setAdding] = useState(false);
  const m = month.format('YYYY-MM');
  const paging = usePaging(20);
  const register = useApi<VisitRegister>(
    ['archives', 'visits'],
    unit ? `/api/v1/archives/units/${encodeURIComponent(unit)}/visits` : null,
    { month: m, ...paging.limits },
    { keepPrevious: true },
  );
  const columns: TableColumnsType<VisitView> = [
    { title: '登记号', dataIndex: 'serial', width: 130 },
    { title: '日期', dataIndex: 'visitedOn', width: 110 },
    { title: '查阅人', dataIndex: 'visitor', width: 90 },
    { title: '电话', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: '查阅内容',
      dataIndex: 'items',
      render: (items: VisitView['items'], r) => (
        <>
          {items.map((i) => (
            <div key={i.id}>
              {i.archivalCode} {i.title}
            </div>
          ))}
          {r.otherMaterial && <div>{r.otherMaterial}</div>}
        </>
      ),
    },
    { title: '目的', dataIndex: 'purpose', width: 200 },
    { title: '值班人员', dataIndex: 'staffOnDuty', width: 100 },
    {
      title: '打印',
      key: 'print',
      width: 120,
      render: (_: unknown, r) => {
        const print = `/api/v1/archives/visits/${encodeURIComponent(r.id)}/print.pdf`;
        return (
          <Space orientation="vertical" size={4}>
            <Button size="small" icon={<PrinterOutlined />} href={`${print}?copy=receipt`} target="_blank" title="姓名、电话等已隐去，可交给查阅人">
              回执
            </Button>
            {duty && (
              <Button size="small" icon={<PrinterOutlined />} href={`${print}?copy=record`} target="_blank" title="含查阅人完整信息，由查阅点留存归档">
                留存联
              </Button>
            )}
          </Space>
        );
      },
    },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <UnitBar
        unit={unit}
        setUnit={(v) => {
          setUnit(v);
          paging.setPage(1);
        }}
      >
        <Form.Item label="月份">
          <DatePicker
            picker="month"
            aria-label="月份"
            allowClear={false}
            value={month}
            onChange={(v) => {
              if (!v) return;
              setMonth(v);
              paging.setPage(1);
            }}
          />
        </Form.Item>
        {unit && (
          <Form.Item>
            <Space wrap>
              {duty && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                  登记查阅
                </Button>
              )}
              <Button icon={<PrinterOutlined />} href={`/api/v1/archives/units/${encodeURIComponent(unit)}/visits.pdf?month=${m}`} target="_blank">
                打印本月查阅登记簿
              </Button>
            </Space>
          </Form.Item>
        )}
      </UnitBar>
      {!unit ? (
        <Empty description="请选择单位" />
      ) : (
        <PagedTable<VisitView>
          query={register}
          what="查阅登记"
          paging={paging}
          unit="人次"
          rowKey="id"
          size="middle"
          columns={columns}
          scroll={{ x: 800 }}
          locale={{ emptyText: <Empty description={`${register.data?.unit.name ?? ''}${m.replace('-', '年')}月没有查阅登记`} /> }}
        />
      )}
      {unit && <VisitModal unitCode={unit} open={adding} onClose={() => setAdding(false)} />}
    </Space>
  );
}

interface EntryForm {
  enteredAt: Dayjs;
  leftAt?: Dayjs;
  person: string;
  reason: string;
  accompaniedBy: string;
  takenItemIds?: string[];
}

function EntryModal({ unitCode, open, onClose }: { unitCode: string; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryForm>();
  const save = useSave();
  const submit = async (v: EntryForm) => {
    const ok = await save.run(() =>
      post(`/api/v1/archives/units/${encodeURIComponent(unitCode)}/room-entries`, {
        enteredAt: v.enteredAt.format(),
        leftAt: v.leftAt ? v.leftAt.format() : null,
        person: v.person,
        reason: v.reason,
        accompaniedBy: v.accompaniedBy,
        takenItemIds: v.takenItemIds ?? [],
      }),
    );
    if (!ok) return;
    message.success('出入库房已登记');
    form.resetFields();
    onClose();
  };
  const close = () => {
    save.clear();
    onClose();
  };
  return (
    <Modal
      title="登记进入档案库房"
      open={open}
      onCancel={close}
      onOk={() => form.submit()}
      okText="登记"
      cancelText="取消"
      confirmLoading={save.busy}
      destroyOnHidden
    >
      <Form<EntryForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ enteredAt: dayjs() }} preserve={false}>
        <Space size={16} wrap>
          <Form.Item name="enteredAt" label="进入时间" rules={[{ required: true, message: '请选择进入时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="leftAt" label="离开时间（可稍后登记）">
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Space size={16} wrap>
          <Form.Item name="person" label="进入人员" rules={[{ required: true, whitespace: true, message: '请填写进入库房的人员' }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="accompaniedBy" label="陪同的档案管理人员" rules={[{ required: true, whitespace: true, message: '请填写陪同人员' }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label="事由" rules={[{ required: true, whitespace: true, message: '请写明进入库房的事由' }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="takenItemIds" label="取出的档案">
          <ItemPicker unitCode={unitCode} placeholder="没有取出档案可不填" />
        </Form.Item>
        <SaveError save={save} />
      </Form>
    </Modal>
  );
}

/** One small dated action (离开, 归还) in a modal: a time or a date and, for a return, who received it. */
function ActionModal({
  title,
  open,
  onClose,
  onSubmit,
  withTime,
  withPerson,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  onSubmit: (v: { at: Dayjs; person?: string }) => Promise<void>;
  withTime: boolean;
  withPerson?: string;
}) {
  const [form] = Form.useForm<{ at: Dayjs; person?: string }>();
  const save = useSave();
  const close = () => {
    save.clear();
    onClose();
  };
  const finish = async (v: { at: Dayjs; person?: string }) => {
    if (await save.run(() => onSubmit(v))) onClose();
  };
  return (
    <Modal title={title} open={open} onCancel={close} onOk={() => form.submit()} okText="确定" cancelText="取消" confirmLoading={save.busy} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ at: dayjs() }} onFinish={(v) => void finish(v)}>
        <Form.Item name="at" label={withTime ? '时间' : '日期'} rules={[{ required: true, message: '请选择' }]}>
          {withTime ? <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /> : <DatePicker />}
        </Form.Item>
        {withPerson && (
          <Form.Item name="person" label={withPerson} rules={[{ required: true, whitespace: true, message: `请填写${withPerson}` }]}>
            <Input maxLength={40} />
          </Form.Item>
        )}
        <SaveError save={save} />
      </Form>
    </Modal>
  );
}

function RoomTab({ unit, setUnit, duty }: { unit?: string; setUnit: (v: string) => void; duty: boolean }) {
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [leaving, setLeaving] = useState<Entry | null>(null);
  const [returning, setReturning] = useState<Loan | null>(null);
  const paging = usePaging(20);
  const ledger = useApi<RoomLedger>(['archives', 'room'], unit ? `/api/v1/archives/units/${encodeURIComponent(unit)}/room-ledger` : null, paging.limits, {
    keepPrevious: true,
  });
  const data = ledger.data;
  const columns: TableColumnsType<Entry> = [
    { title: '进入', dataIndex: 'enteredAt', width: 150, render: (v: string) => formatTime(v) },
    {
      title: '离开',
      dataIndex: 'leftAt',
      width: 150,
      render: (v: string | null, r) =>
        v ? (
          formatTime(v)
        ) : duty ? (
          <Button size="small" onClick={() => setLeaving(r)}>
            登记离开
          </Button>
        ) : (
          '未登记'
        ),
    },
    { title: '人员', dataIndex: 'person', width: 90 },
    { title: '事由', dataIndex: 'reason' },
    { title: '陪同', dataIndex: 'accompaniedBy', width: 90 },
    {
      title: '取出的档案',
      dataIndex: 'items',
      width: 320,
      render: (items: Loan[]) =>
        items.length === 0
          ? '—'
          : items.map((l) => (
              <div key={l.loanId}>
                {l.archivalCode} {l.title}{' '}
                {l.returnedOn ? (
                  <Typography.Text type="secondary">
                    {l.returnedOn}归还（{l.returnedTo}）
                  </Typography.Text>
                ) : (
                  <>
                    {l.overdue ? <Tag color="red">逾期未还</Tag> : <Tag color="orange">借出中</Tag>}
                    {duty && (
                      <Button size="small" type="link" onClick={() => setReturning(l)}>
                        登记归还
                      </Button>
                    )}
                  </>
                )}
              </div>
            )),
    },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <UnitBar
        unit={unit}
        setUnit={(v) => {
          setUnit(v);
          paging.setPage(1);
        }}
      >
        {unit && duty && (
          <Form.Item>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              登记进入库房
            </Button>
          </Form.Item>
        )}
      </UnitBar>
      {!unit ? (
        <Empty description="请选择单位" />
      ) : (
        <>
          {data && data.overdueTotal > 0 && (
            <Alert
              type="warning"
              showIcon
              title={`有 ${data.overdueTotal} 件档案借出超过 ${data.loanDays} 天未归还`}
              description={`${data.overdue.map((o) => `${o.archivalCode} ${o.title}（${o.takenOn}取出，已 ${o.daysOut} 天）`).join('；')}${
                data.overdueTotal > data.overdue.length ? `；以上是借出最久的 ${data.overdue.length} 件` : ''
              }`}
            />
          )}
          <PagedTable<Entry>
            query={ledger}
            what="库房出入台账"
            paging={paging}
            rowKey="id"
            size="middle"
            columns={columns}
            scroll={{ x: 1000 }}
            locale={{ emptyText: <Empty description="还没有出入库房的记录" /> }}
          />
        </>
      )}
      {unit && <EntryModal unitCode={unit} open={adding} onClose={() => setAdding(false)} />}
      <ActionModal
        title={`登记离开：${leaving?.person ?? ''}`}
        open={!!leaving}
        withTime
        onClose={() => setLeaving(null)}
        onSubmit={async (v) => {
          await post(`/api/v1/archives/room-entries/${encodeURIComponent(leaving!.id)}/leave`, { leftAt: v.at.format() });
          message.success('已登记离开时间');
        }}
      />
      <ActionModal
        title={`登记归还：${returning?.archivalCode ?? ''}`}
        open={!!returning}
        withTime={false}
        withPerson="接收人"
        onClose={() => setReturning(null)}
        onSubmit={async (v) => {
          await post(`/api/v1/archives/room-loans/${encodeURIComponent(returning!.loanId)}/return`, {
            returnedOn: v.at.format('YYYY-MM-DD'),
            returnedTo: v.person ?? '',
          });
          message.success('已登记归还');
        }}
      />
    </Space>
  );
}

function FiguresTab({ unit, setUnit }: { unit?: string; setUnit: (v: string) => void }) {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const figures = useApi<VisitFigures>(
    ['archives', 'visit-figures'],
    unit ? `/api/v1/archives/units/${encodeURIComponent(unit)}/visit-figures` : null,
    { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') },
    { keepPrevious: true },
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <UnitBar unit={unit} setUnit={setUnit}>
        <Form.Item label="期间">
          <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        </Form.Item>
      </UnitBar>
      {!unit ? (
        <Empty description="请选择单位（选乡镇可看各村）" />
      ) : (
        <QueryState query={figures} what="查阅人次">
          {(data) => (
            <Table
              rowKey="unitCode"
              size="middle"
              pagination={false}
              dataSource={data.items}
              columns={[
                { title: '村（社区）', dataIndex: 'unitName' },
                { title: '查阅人次', dataIndex: 'visits', width: 120 },
              ]}
              locale={{ emptyText: <Empty description="期间内没有查阅登记" /> }}
            />
          )}
        </QueryState>
      )}
    </Space>
  );
}

export function ReadingPage() {
  const { user } = useSession();
  const duty = isOnDuty(user.roles);
  const [unit, setUnit] = useState<string | undefined>(user.roles[0]?.unitCode);
  const items = [
    { key: 'visits', label: '查阅登记', children: <VisitsTab unit={unit} setUnit={setUnit} duty={duty} /> },
    { key: 'room', label: '库房出入台账', children: <RoomTab unit={unit} setUnit={setUnit} duty={duty} /> },
    { key: 'figures', label: '查阅统计', children: <FiguresTab unit={unit} setUnit={setUnit} /> },
  ];
  return (
    <Card>
      <Typography.Title level={3} style={{ margin: 0 }}>
        查阅点与库房
      </Typography.Title>
      <Tabs items={items} style={{ marginTop: 8 }} destroyOnHidden />
    </Card>
  );
}
