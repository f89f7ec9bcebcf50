/**
 * 意见箱 for staff (/admin/interaction/boxes): every box of the account's units with the 公开栏 it hangs beside (the
 * archives module's notice boards), its last opening and whether it is overdue for one; register a box, change it
 * (location, board, out of use) and record an opening (date, the two people present, the number of slips).
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { post, put } from '../../lib/http.ts';
import { navigate } from '../../lib/router.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { UnitSelect } from '../../lib/components.tsx';
import type { Box, BoxDetail } from '../../../../../src/modules/interaction/interaction.schemas.ts';
import type { Static } from 'typebox';
import type { Boards } from '../../../../../src/modules/archives/archives.schemas.ts';

type Editing = { mode: 'register' } | { mode: 'change'; box: Box } | { mode: 'open'; box: Box };

/** The most boards one page of GET /api/v1/archives/boards holds (its `limit` maximum, src/platform/http/schemas.ts Paging). */
const BOARD_PAGE = 500;

/**
 * The unit's own notice boards (not its villages': the server accepts only the box's unit's board), to choose the one
 * the box hangs beside; boards out of use are left out unless the box names one. Asked for in one page of the route's
 * largest size, and said so if the unit has more.
 */
function BoardSelect({ unitCode, value, onChange }: { unitCode?: string; value?: string | null; onChange?: (v: string | null) => void }) {
  const boards = useApi<Static<typeof Boards>>(['archives', 'boards'], unitCode ? '/api/v1/archives/boards' : null, {
    unitCode,
    ownOnly: true,
    limit: BOARD_PAGE,
  });
  const items = boards.data?.items ?? [];
  const more = boards.data && boards.data.total > items.length ? boards.data.total - items.length : 0;
  return (
    <>
      <Select
        aria-label="所在公开栏"
        allowClear
        disabled={!unitCode}
        loading={boards.isLoading}
        value={value ?? undefined}
        onChange={(v: string | undefined) => onChange?.(v ?? null)}
        placeholder={!unitCode ? '请先选择单位' : boards.isError ? '无法读取公开栏登记' : '不指定公开栏'}
        notFoundContent="本单位还没有登记在用的公开栏（在“公开栏巡查”中登记）"
        options={items.filter((b) => b.active || b.id === value).map((b) => ({ value: b.id, label: `${b.name}（${b.place}）` }))}
      />
      {more > 0 && (
        <Typography.Text type="secondary">
          本单位登记了 {boards.data!.total} 个公开栏，这里只列出前 {items.length} 个（另有 {more} 个未列出）
        </Typography.Text>
      )}
    </>
  );
}

interface BoxValues {
  unitCode?: string;
  location?: string;
  installedOn?: Dayjs;
  boardId?: string | null;
  active?: boolean;
  openedOn?: Dayjs;
  witness1?: string;
  witness2?: string;
  slipCount?: number;
  note?: string;
}

function BoxModal({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<BoxValues>();
  const save = useSave();
  const box = editing.mode === 'register' ? null : editing.box;
  const unitCode = Form.useWatch('unitCode', form) ?? box?.unit.code;
  const title = editing.mode === 'register' ? '登记意见箱' : editing.mode === 'change' ? `修改意见箱：${box!.location}` : `记录开箱：${box!.location}`;
  const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];
  const submit = async () => {
    let v: BoxValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    await save.run(async () => {
      if (editing.mode === 'register')
        await post<BoxDetail>('/api/v1/interaction/boxes', {
          unitCode: v.unitCode,
          location: v.location,
          boardId: v.boardId ?? null,
          installedOn: v.installedOn!.format('YYYY-MM-DD'),
        });
      else if (editing.mode === 'change')
        await put<BoxDetail>(`/api/v1/interaction/boxes/${encodeURIComponent(box!.id)}`, {
          location: v.location,
          boardId: v.boardId ?? null,
          active: v.active ?? true,
        });
      else
        await post<BoxDetail>(`/api/v1/interaction/boxes/${encodeURIComponent(box!.id)}/openings`, {
          openedOn: v.openedOn!.format('YYYY-MM-DD'),
          witness1: v.witness1,
          witness2: v.witness2,
          slipCount: v.slipCount ?? 0,
          note: v.note?.trim() || null,
        });
      message.success(editing.mode === 'open' ? '已记录开箱，请把每张意见条登记为事项（渠道：意见箱）' : '已保存');
      onClose();
    });
  };
  return (
    <Modal
      open
      title={title}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <SaveError save={save} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={box ? { location: box.location, boardId: box.boardId, active: box.active, slipCount: 0 } : { slipCount: 0 }}
      >
        {editing.mode === 'register' && (
          <Form.Item name="unitCode" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitSelect />
          </Form.Item>
        )}
        {editing.mode !== 'open' && (
          <>
            <Form.Item name="location" label="位置（群众看得懂的说法）" rules={[...required('位置'), { min: 2, message: '位置请至少写2个字' }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="boardId" label="所在公开栏（意见箱挂在哪个公开栏旁）">
              <BoardSelect unitCode={unitCode} />
            </Form.Item>
          </>
        )}
        {editing.mode === 'register' && (
          <Form.Item name="installedOn" label="设置日期" rules={[{ required: true, message: '请选择设置日期' }]}>
            <DatePicker />
          </Form.Item>
        )}
        {editing.mode === 'change' && (
          <Form.Item name="active" label="在用" valuePropName="checked">
            <Switch aria-label="在用" />
          </Form.Item>
        )}
        {editing.mode === 'open' && (
          <>
            <Form.Item name="openedOn" label="开箱日期" rules={[{ required: true, message: '请选择开箱日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="witness1" label="在场人员（第一人）" rules={required('第一位在场人员')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="witness2" label="在场人员（第二人，须是另一个人）" rules={required('第二位在场人员')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="slipCount" label="意见条数量" rules={[{ required: true, message: '请填写意见条数量' }]}>
              <InputNumber min={0} max={1000} />
            </Form.Item>
            <Form.Item name="note" label="备注">
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

export function InteractionBoxesPage() {
  const boxes = useApi<Box[]>(['interaction', 'boxes'], '/api/v1/interaction/boxes');
  const [editing, setEditing] = useState<Editing | null>(null);
  const columns: TableColumnsType<Box> = [
    { title: '单位', width: 140, render: (_: unknown, b) => b.unit.name },
    { title: '位置', dataIndex: 'location', width: 240 },
    {
      title: '所在公开栏',
      width: 220,
      render: (_: unknown, b) =>
        b.board ? (
          <>
            {b.board.name}
            <br />
            <Typography.Text type="secondary">{b.board.place}</Typography.Text>
            {!b.board.active && <Tag style={{ marginInlineStart: 4 }}>公开栏已停用</Tag>}
          </>
        ) : (
          <Typography.Text type="secondary">{b.boardId ? '公开栏登记已不存在' : '未指定'}</Typography.Text>
        ),
    },
    { title: '设置日期', dataIndex: 'installedOn', width: 110 },
    { title: '上次开箱', width: 110, render: (_: unknown, b) => b.lastOpenedOn ?? '从未开箱' },
    {
      title: '状态',
      width: 170,
      render: (_: unknown, b) => (
        <Space size={4} wrap>
          {!b.active ? <Tag>已停用</Tag> : b.overdue ? <Tag color="red">{`超期未开箱（自${b.overdueSince}）`}</Tag> : <Tag color="green">按期开箱</Tag>}
          {b.isDemo && <Tag>演示</Tag>}
        </Space>
      ),
    },
    {
      title: '操作',
      width: 190,
      render: (_: unknown, b) => (
        <Space>
          <Button size="small" disabled={!b.active} onClick={() => setEditing({ mode: 'open', box: b })}>
            记录开箱
          </Button>
          <Button size="small" onClick={() => setEditing({ mode: 'change', box: b })}>
            修改
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/interaction')}>
        返回政民互动
      </Button>
      <Card
        title="意见箱"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'register' })}>
            登记意见箱
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          每个公开栏旁设意见箱，定期开箱，开箱时须两人在场；每张意见条登记为一件事项（渠道选“意见箱”）。超过县里规定天数未开箱的，在公开督查中列出。
        </Typography.Paragraph>
        <QueryState query={boxes} what="意见箱">
          {(data) => (
            <Table<Box>
              rowKey="id"
              columns={columns}
              dataSource={data}
              scroll={{ x: 1200 }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: '还没有登记意见箱' }}
            />
          )}
        </QueryState>
      </Card>
      {editing && <BoxModal editing={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
