/**
 * 公开栏与巡查: the registered notice boards in the user's scope (overdue ones flagged) and one board's page — what
 * it should carry now, posting photos, the town's inspections with their checklist, photos and the 整改通知 each
 * failed inspection sent (assessment module), and the re-check that closes or re-opens it.
 */
import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Form, Image, Input, List, Modal, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, CameraOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { post, put } from '../../lib/http.ts';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.ts';
import { QueryState, useApi } from '../../lib/query.tsx';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { UnitSelect } from '../../lib/components.tsx';
import { UnitFilter } from './UnitFilter.tsx';
import { PHOTO_LIMIT_TEXT, isBoardKeeper, uploadFile, type BoardDetail, type BoardList, type BoardView, type InspectionView } from './api.ts';

const boardLink = (b: BoardView) => (
  <Typography.Link
    href={`/admin/archives/boards/${b.id}`}
    onClick={(e) => {
      e.preventDefault();
      navigate(`/archives/boards/${b.id}`);
    }}
  >
    {b.name}
  </Typography.Link>
);

interface BoardForm {
  unitCode?: string;
  name: string;
  place: string;
  personInCharge: string;
  active?: boolean;
}

function BoardFormModal({ open, onClose, board }: { open: boolean; onClose: () => void; board?: BoardView }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<BoardForm>();
  const save = useSave();
  const submit = (v: BoardForm) =>
    save.run(async () => {
      const body = { name: v.name, place: v.place, personInCharge: v.personInCharge, ...(board ? { active: v.active ?? true } : {}) };
      const saved = board
        ? await put<BoardView>(`/api/v1/archives/boards/${board.id}`, body)
        : await post<BoardView>(`/api/v1/archives/units/${encodeURIComponent(v.unitCode!)}/boards`, body);
      message.success(board ? '已保存' : `已登记公开栏“${saved.name}”`);
      onClose();
      if (!board) navigate(`/archives/boards/${saved.id}`);
    });
  const close = () => {
    save.clear();
    onClose();
  };
  return (
    <Modal
      title={board ? '修改公开栏登记' : '登记公开栏'}
      open={open}
      onCancel={close}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<BoardForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={board ? { name: board.name, place: board.place, personInCharge: board.personInCharge, active: board.active } : undefined}
        onFinish={(v) => void submit(v)}
      >
        {!board && (
          <Form.Item name="unitCode" label="所属村（社区）" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitSelect />
          </Form.Item>
        )}
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={60} placeholder="例如：村部公开栏" />
        </Form.Item>
        <Form.Item name="place" label="位置" rules={[{ required: true, whitespace: true, message: '请填写位置' }]}>
          <Input maxLength={200} placeholder="例如：村委会门口东侧" />
        </Form.Item>
        <Form.Item name="personInCharge" label="负责人" rules={[{ required: true, whitespace: true, message: '请填写负责人' }]}>
          <Input maxLength={40} />
        </Form.Item>
        {board && (
          <Form.Item name="active" label="使用中" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        <SaveError save={save} />
      </Form>
    </Modal>
  );
}

export function BoardsPage() {
  const { user } = useSession();
  const [unit, setUnit] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const paging = usePaging(20);
  const boards = useApi<BoardList>(['archives', 'boards'], '/api/v1/archives/boards', { unitCode: unit, ...paging.limits }, { keepPrevious: true });
  const pickUnit = (v: string | undefined) => {
    setUnit(v);
    paging.setPage(1);
  };
  const columns: TableColumnsType<BoardView> = [
    {
      title: '公开栏',
      dataIndex: 'name',
      render: (_: string, r) => (
        <Space size={4} wrap>
          {boardLink(r)}
          {r.isDemo && <Tag>演示</Tag>}
          {!r.active && <Tag>已停用</Tag>}
        </Space>
      ),
    },
    { title: '单位', dataIndex: ['unit', 'name'], width: 140 },
    { title: '位置', dataIndex: 'place' },
    { title: '负责人', dataIndex: 'personInCharge', width: 100 },
    {
      title: '上次巡查',
      dataIndex: 'lastInspectedOn',
      width: 170,
      render: (v: string | null, r) => (
        <Space size={4} wrap>
          {v ?? '尚未巡查'}
          {r.inspectionOverdue && <Tag color="red">超过巡查周期</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          公开栏与巡查
        </Typography.Title>
        {isBoardKeeper(user.roles) && (
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记公开栏
          </Button>
        )}
      </Space>
      <Form layout="inline" style={{ margin: '16px 0' }}>
        <UnitFilter unit={unit} onChange={pickUnit} width={300} />
      </Form>
      <PagedTable<BoardView>
        query={boards}
        what="公开栏"
        paging={paging}
        unit="个"
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty description="还没有登记公开栏" /> }}
      />
      <BoardFormModal open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}

/** The checklist as switches (every item answered: 合格 or not); a finding needs a note. */
function ChecklistModal({
  title,
  open,
  checklist,
  onClose,
  onSubmit,
}: {
  title: string;
  open: boolean;
  checklist: BoardDetail['checklist'];
  onClose: () => void;
  onSubmit: (answers: Record<string, boolean>, note: string) => Promise<void>;
}) {
  const [answers, setAnswers] = useState<Record<string, boolean>>(() => Object.fromEntries(checklist.map((c) => [c.key, true])));
  const [note, setNote] = useState('');
  const save = useSave();
  const failed = checklist.filter((c) => !answers[c.key]);
  const submit = async () => {
    if (await save.run(() => onSubmit(answers, note))) onClose();
  };
  return (
    <Modal title={title} open={open} onCancel={onClose} okText="提交" cancelText="取消" confirmLoading={save.busy} onOk={() => void submit()} destroyOnHidden>
      <List
        dataSource={checklist}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Switch
                key="s"
                checkedChildren="合格"
                unCheckedChildren="不合格"
                checked={answers[c.key]}
                onChange={(v) => setAnswers({ ...answers, [c.key]: v })}
                aria-label={c.label}
              />,
            ]}
          >
            {c.label}
          </List.Item>
        )}
      />
      <Typography.Paragraph style={{ marginTop: 12 }}>
        {failed.length ? `有 ${failed.length} 项不合格：提交后将向村（社区）下发整改通知，请写明问题和整改要求。` : '全部合格。'}
      </Typography.Paragraph>
      <Input.TextArea
        aria-label="巡查意见"
        rows={3}
        maxLength={1000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={failed.length ? '发现的问题和整改要求（必填）' : '巡查意见（可不填）'}
      />
      <SaveError save={save} style={{ marginTop: 12 }} />
    </Modal>
  );
}

export function BoardDetailPage({ id }: { id: string }) {
  const { message } = App.useApp();
  const board = useApi<BoardDetail>(['archives', 'board', id], `/api/v1/archives/boards/${encodeURIComponent(id)}`);
  const [inspecting, setInspecting] = useState(false);
  const [rechecking, setRechecking] = useState<InspectionView | null>(null);
  const [editing, setEditing] = useState(false);
  const photo = useSave();

  const sendPhoto = async (url: string, file: File, done: string) => {
    if (await photo.run(() => uploadFile(url, file))) message.success(done);
  };
  const photoButton = (url: string, label: string, done: string) => (
    <Upload accept=".png,.jpg,.jpeg,image/png,image/jpeg" showUploadList={false} customRequest={({ file }) => void sendPhoto(url, file as File, done)}>
      <Button icon={<CameraOutlined />}>{label}</Button>
    </Upload>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/archives/boards')}>
        返回公开栏列表
      </Button>
      <QueryState query={board} what="公开栏">
        {(b) => {
          const passedRechecks = new Set(b.inspections.filter((i) => i.kind === 'recheck' && i.result === 'pass').map((i) => i.recheckOf));
          const columns: TableColumnsType<InspectionView> = [
            { title: '日期', dataIndex: 'inspectedOn', width: 110 },
            { title: '类型', dataIndex: 'kind', width: 80, render: (v: string) => (v === 'recheck' ? '复查' : '巡查') },
            { title: '巡查人', dataIndex: 'inspector', width: 100 },
            {
              title: '结果',
              dataIndex: 'result',
              width: 90,
              render: (v: string) => <Tag color={v === 'pass' ? 'green' : 'red'}>{v === 'pass' ? '合格' : '不合格'}</Tag>,
            },
            {
              title: '不合格项与意见',
              key: 'detail',
              render: (_: unknown, i) => (
                <>
                  {i.answers
                    .filter((a) => !a.ok)
                    .map((a) => (
                      <Tag key={a.key} color="red">
                        {a.label}
                      </Tag>
                    ))}
                  <div>{i.note}</div>
                </>
              ),
            },
            {
              title: '照片',
              key: 'photos',
              width: 150,
              render: (_: unknown, i) => (
                <Space size={4} wrap>
                  {i.photos.map((p) => (
                    <Image key={p.id} src={p.url} width={48} height={48} style={{ objectFit: 'cover' }} alt="巡查照片" />
                  ))}
                  {b.canInspect && i.kind === 'inspection' && photoButton(`/api/v1/archives/inspections/${i.id}/photos`, '加照片', '已添加巡查照片')}
                </Space>
              ),
            },
            {
              title: '整改通知',
              key: 'order',
              width: 180,
              render: (_: unknown, i) =>
                i.orderId ? (
                  <Space orientation="vertical" size={4}>
                    <Typography.Link onClick={() => navigate(`/rectifications/${i.orderId}`)}>查看整改通知</Typography.Link>
                    {b.canInspect && i.kind === 'inspection' && i.result === 'fail' && !passedRechecks.has(i.id) && (
                      <Button size="small" onClick={() => setRechecking(i)}>
                        复查
                      </Button>
                    )}
                    {passedRechecks.has(i.id) && <Tag color="green">已复查通过</Tag>}
                  </Space>
                ) : (
                  '—'
                ),
            },
          ];
          return (
            <>
              <Card
                title={
                  <Space wrap>
                    {b.name}
                    {b.isDemo && <Tag>演示</Tag>}
                    {!b.active && <Tag>已停用</Tag>}
                    {b.inspectionOverdue && <Tag color="red">超过巡查周期未巡查</Tag>}
                  </Space>
                }
                extra={
                  <Space wrap>
                    <Button icon={<PrinterOutlined />} href={`/api/v1/archives/boards/${b.id}/sign.pdf`} target="_blank">
                      打印公开栏标识牌（A4）
                    </Button>
                    {b.canEdit && <Button onClick={() => setEditing(true)}>修改登记</Button>}
                    {b.canInspect && b.active && (
                      <Button type="primary" size="large" onClick={() => setInspecting(true)}>
                        巡查
                      </Button>
                    )}
                  </Space>
                }
              >
                <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
                  <Descriptions.Item label="单位">{b.unit.name}</Descriptions.Item>
                  <Descriptions.Item label="位置">{b.place}</Descriptions.Item>
                  <Descriptions.Item label="负责人">{b.personInCharge}</Descriptions.Item>
                  <Descriptions.Item label="上次巡查">{b.lastInspectedOn ?? '尚未巡查'}</Descriptions.Item>
                </Descriptions>
                <Space style={{ marginTop: 12 }} align="start" wrap>
                  {b.photoUrl ? <Image src={b.photoUrl} width={200} alt="公开栏照片" /> : <Typography.Text type="secondary">还没有公开栏照片</Typography.Text>}
                  {b.canEdit && (
                    <Space orientation="vertical">
                      {photoButton(`/api/v1/archives/boards/${b.id}/photo`, b.photoUrl ? '更换照片' : '上传照片', '已保存公开栏照片')}
                      <Typography.Text type="secondary">{PHOTO_LIMIT_TEXT}</Typography.Text>
                    </Space>
                  )}
                </Space>
                <SaveError save={photo} style={{ marginTop: 12 }} />
              </Card>
              <Card title={`应张贴的当前公开内容（${b.content.length} 条）`}>
                <List
                  dataSource={b.content}
                  locale={{ emptyText: '目前没有需要在公开栏张贴的公开内容' }}
                  renderItem={(c) => (
                    <List.Item extra={<Typography.Text type="secondary">{c.displayEnd ? `公示到 ${c.displayEnd}` : '长期公开'}</Typography.Text>}>
                      <Typography.Link onClick={() => navigate(`/disclosures/${c.id}`)}>{c.title}</Typography.Link>
                      {c.indexNo && <Typography.Text type="secondary"> · {c.indexNo}</Typography.Text>}
                      {b.postings.some((p) => p.disclosureId === c.id) && (
                        <Tag color="green" style={{ marginInlineStart: 8 }}>
                          已有张贴照片
                        </Tag>
                      )}
                    </List.Item>
                  )}
                />
              </Card>
              <Card title={`巡查记录（${b.inspections.length} 次）`}>
                <Table<InspectionView>
                  rowKey="id"
                  size="small"
                  columns={columns}
                  dataSource={b.inspections}
                  pagination={false}
                  scroll={{ x: 900 }}
                  locale={{ emptyText: <Empty description="还没有巡查记录" /> }}
                />
              </Card>
              <ChecklistModal
                key={`inspect-${inspecting}`}
                title={`巡查：${b.name}`}
                open={inspecting}
                checklist={b.checklist}
                onClose={() => setInspecting(false)}
                onSubmit={async (answers, note) => {
                  const r = await post<InspectionView>(`/api/v1/archives/boards/${b.id}/inspections`, { answers, note: note.trim() || null });
                  message.success(r.orderId ? '已记录巡查，整改通知已下发给村（社区）' : '已记录巡查：全部合格');
                }}
              />
              {rechecking && (
                <ChecklistModal
                  title={`复查：${rechecking.inspectedOn} 的巡查`}
                  open
                  checklist={b.checklist}
                  onClose={() => setRechecking(null)}
                  onSubmit={async (answers, note) => {
                    const r = await post<InspectionView & { orderStatus: string }>(`/api/v1/archives/inspections/${rechecking.id}/recheck`, {
                      answers,
                      note: note.trim() || null,
                    });
                    message.success(`已复查，整改通知：${r.orderStatus}`);
                  }}
                />
              )}
              {editing && <BoardFormModal open board={b} onClose={() => setEditing(false)} />}
            </>
          );
        }}
      </QueryState>
    </Space>
  );
}
