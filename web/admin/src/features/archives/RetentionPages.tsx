/**
 * 鉴定销毁 and 提级管理. Destruction: the archivist picks items whose retention period has ended (保管期满待鉴定) into
 * a 销毁清单 with the appraisal opinion; a second person (another archivist, a 村务监督委员会 member or the county
 * office, never the proposer) approves or rejects it. Custody moves: a village's archive into its town's custody
 * (代管) or back, both signatories named, with the 移交清单 (.xlsx) and the PDF both sides sign. The server decides
 * every read and write (archives.policy.ts, archives.retention.ts, archives.custody.ts).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FileExcelOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { formatTime, post } from '../../lib/http.ts';
import { useSession } from '../../lib/session.ts';
import { useApi } from '../../lib/query.tsx';
import { PagedTable, usePaging } from '../../lib/paged-table.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import { UnitSelect } from '../../lib/components.tsx';
import type { UnitDetail } from '../org/api.ts';
import { ItemPicker } from './ItemPicker.tsx';
import {
  DESTRUCTION_STATUS,
  isDestructionDecider,
  isKeeper,
  type Browse,
  type DestructionList,
  type DestructionView,
  type ItemView,
  type MoveList,
  type MoveView,
} from './api.ts';

function DecideModal({ list, onClose }: { list: DestructionView | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const save = useSave();
  // The decision on its way (its button spins).
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const decide = async (decision: 'approve' | 'reject') => {
    setDeciding(decision);
    const ok = await save.run(() =>
      post(`/api/v1/archives/destructions/${encodeURIComponent(list!.id)}/decide`, { decision, comment: comment.trim() || undefined }),
    );
    if (!ok) return;
    message.success(decision === 'approve' ? '已批准，清单中的档案已销毁并留有记录' : '未批准，档案继续保存');
    setComment('');
    onClose();
  };
  const close = () => {
    save.clear();
    onClose();
  };
  return (
    <Modal
      title={`审批销毁清单 ${list?.serial ?? ''}`}
      open={!!list}
      onCancel={close}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button loading={save.busy && deciding === 'reject'} disabled={save.busy && deciding !== 'reject'} onClick={() => void decide('reject')}>
            不批准（继续保存）
          </Button>
          <Button
            danger
            type="primary"
            loading={save.busy && deciding === 'approve'}
            disabled={save.busy && deciding !== 'approve'}
            onClick={() => void decide('approve')}
          >
            批准销毁
          </Button>
        </Space>
      }
    >
      {list && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title="批准后档案文件将被释放，目录中保留档号、题名和本次决定；公开过的档案在网上档案页显示为已销毁。" />
          <Typography.Paragraph>
            鉴定意见：{list.reason}（{list.proposedBy}提出）
          </Typography.Paragraph>
          <List
            size="small"
            bordered
            dataSource={list.items}
            renderItem={(i) => <List.Item>{`${i.archivalCode} ${i.title}（${i.retentionLabel}，保管到${i.keepUntil ?? '永久'}）`}</List.Item>}
          />
          <Input.TextArea
            aria-label="审批意见"
            placeholder="审批意见（可不填）"
            maxLength={1000}
            rows={2}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <SaveError save={save} />
        </Space>
      )}
    </Modal>
  );
}

function ProposeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const [unit, setUnit] = useState<string | undefined>(user.roles.find((g) => g.role === 'archivist')?.unitCode);
  const [selected, setSelected] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const save = useSave();
  const paging = usePaging(20);
  const due = useApi<Browse>(
    ['archives', 'items', 'due'],
    open && unit ? '/api/v1/archives/items' : null,
    { unitCode: unit, status: 'filed', dueForAppraisal: true, ...paging.limits },
    { keepPrevious: true },
  );
  // The unit's lists waiting for the second person: their items cannot be proposed again (the server refuses them too).
  const waiting = useApi<DestructionList>(['archives', 'destructions', 'waiting'], open && unit ? '/api/v1/archives/destructions' : null, {
    unitCode: unit,
    status: 'proposed',
    limit: 500,
  });
  const pending = new Set((waiting.data?.items ?? []).flatMap((d) => d.items.map((i) => i.id)));
  const submit = async () => {
    const ok = await save.run(async () => {
      const d = await post<DestructionView>('/api/v1/archives/destructions', { unitCode: unit, itemIds: selected, reason });
      message.success(`已提出销毁清单 ${d.serial}，请第二人审批`);
    });
    if (!ok) return;
    setSelected([]);
    setReason('');
    onClose();
  };
  const close = () => {
    save.clear();
    onClose();
  };
  return (
    <Modal
      title="提出销毁清单"
      open={open}
      onCancel={close}
      onOk={() => void submit()}
      okText="提出"
      cancelText="取消"
      confirmLoading={save.busy}
      width={760}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label="单位" style={{ minWidth: 300 }}>
            <UnitSelect
              value={unit}
              onChange={(v) => {
                setUnit(v);
                setSelected([]);
                paging.setPage(1);
              }}
            />
          </Form.Item>
        </Form>
        <PagedTable<ItemView>
          query={due}
          what="保管期满的档案"
          paging={paging}
          unit="件"
          rowKey="id"
          size="small"
          rowSelection={{
            selectedRowKeys: selected,
            preserveSelectedRowKeys: true,
            onChange: (k) => setSelected(k as string[]),
            getCheckboxProps: (r) => ({ disabled: r.legalHold || pending.has(r.id) }),
          }}
          columns={[
            { title: '档号', dataIndex: 'archivalCode', width: 190 },
            {
              title: '题名',
              dataIndex: 'title',
              render: (v: string, r) => (
                <>
                  {v} {r.legalHold && <Tag color="purple">法律保全，不能销毁</Tag>}
                  {pending.has(r.id) && <Tag color="orange">已在待审批的销毁清单中</Tag>}
                </>
              ),
            },
            { title: '保管到', dataIndex: 'keepUntil', width: 110 },
          ]}
          locale={{ emptyText: <Empty description="该单位没有保管期满待鉴定的档案" /> }}
        />
        <Input.TextArea
          aria-label="鉴定意见"
          placeholder="鉴定意见：为何不再保存"
          maxLength={1000}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <SaveError save={save} />
      </Space>
    </Modal>
  );
}

export function DestructionsPage() {
  const { user } = useSession();
  const keeper = isKeeper(user.roles);
  const decider = isDestructionDecider(user.roles);
  const [proposing, setProposing] = useState(false);
  const [deciding, setDeciding] = useState<DestructionView | null>(null);
  const [status, setStatus] = useState<string | undefined>();
  const paging = usePaging(20);
  const lists = useApi<DestructionList>(['archives', 'destructions'], '/api/v1/archives/destructions', { status, ...paging.limits }, { keepPrevious: true });
  const columns: TableColumnsType<DestructionView> = [
    { title: '清单编号', dataIndex: 'serial', width: 150 },
    { title: '单位', dataIndex: ['unit', 'name'], width: 120 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (v: string) => <Tag color={DESTRUCTION_STATUS[v]?.color}>{DESTRUCTION_STATUS[v]?.text ?? v}</Tag>,
    },
    { title: '件数', key: 'n', width: 60, render: (_: unknown, r) => r.items.length },
    { title: '鉴定意见', dataIndex: 'reason' },
    { title: '提出', key: 'p', width: 170, render: (_: unknown, r) => `${r.proposedBy} ${formatTime(r.proposedAt)}` },
    {
      title: '审批',
      key: 'd',
      width: 200,
      render: (_: unknown, r) =>
        r.decidedBy ? (
          <>
            {r.decidedBy} {formatTime(r.decidedAt)}
            {r.comment && <div>{r.comment}</div>}
          </>
        ) : decider && r.status === 'proposed' && r.proposedById !== user.id ? (
          <Button size="small" type="primary" onClick={() => setDeciding(r)}>
            审批
          </Button>
        ) : r.status === 'proposed' && r.proposedById === user.id ? (
          '待第二人审批'
        ) : (
          '待审批'
        ),
    },
  ];
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          鉴定与销毁
        </Typography.Title>
        {keeper && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>
            提出销毁清单
          </Button>
        )}
      </Space>
      <Alert
        type="info"
        showIcon
        style={{ margin: '12px 0' }}
        title="保管期满的档案经鉴定后才能销毁：档案管理员提出销毁清单，须由另一人（档案管理员、村务监督委员会成员或县级管理员）审批；法律保全的档案不能销毁。"
      />
      <Form layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item label="状态">
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部"
            style={{ width: 200 }}
            value={status}
            onChange={(v: string | undefined) => {
              setStatus(v);
              paging.setPage(1);
            }}
            options={Object.entries(DESTRUCTION_STATUS).map(([value, s]) => ({ value, label: s.text }))}
          />
        </Form.Item>
      </Form>
      <PagedTable<DestructionView>
        query={lists}
        what="销毁清单"
        paging={paging}
        unit="份"
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={{ x: 1000 }}
        expandable={{
          expandedRowRender: (r) => (
            <List
              size="small"
              dataSource={r.items}
              renderItem={(i) => <List.Item>{`${i.archivalCode} ${i.title}（${i.year}年 ${i.className}，${i.retentionLabel}）`}</List.Item>}
            />
          ),
        }}
        locale={{ emptyText: <Empty description={status ? '没有这个状态的销毁清单' : '还没有销毁清单'} /> }}
      />
      <ProposeModal open={proposing} onClose={() => setProposing(false)} />
      <DecideModal list={deciding} onClose={() => setDeciding(null)} />
    </Card>
  );
}

interface MoveForm {
  toUnitCode: string;
  itemIds?: string[];
  movedOn: Dayjs;
  handedBy: string;
  receivedBy: string;
  reason: string;
}

function MoveModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const [form] = Form.useForm<MoveForm>();
  const [unit, setUnit] = useState<string | undefined>(user.roles.find((g) => g.role === 'archivist')?.unitCode);
  const save = useSave();
  const org = useApi<UnitDetail>(['archives', 'org'], open && unit ? `/api/v1/org-units/${encodeURIComponent(unit)}` : null);
  const parent = org.data?.ancestors.at(-1);
  const targets = org.data
    ? [
        ...(parent ? [{ value: parent.code, label: `由${parent.name}代管（提级管理）` }] : []),
        { value: org.data.unit.code, label: `交回${org.data.unit.name}自行保管` },
      ]
    : [];
  const submit = async (v: MoveForm) => {
    const ok = await save.run(async () => {
      const m = await post<MoveView>('/api/v1/archives/custody-moves', {
        unitCode: unit,
        toUnitCode: v.toUnitCode,
        itemIds: v.itemIds?.length ? v.itemIds : undefined,
        movedOn: v.movedOn.format('YYYY-MM-DD'),
        handedBy: v.handedBy,
        receivedBy: v.receivedBy,
        reason: v.reason,
      });
      message.success(`已登记移交 ${m.serial}（${m.items.length} 件），请打印移交清单由双方签字`);
    });
    if (!ok) return;
    form.resetFields();
    onClose();
  };
  const close = () => {
    save.clear();
    onClose();
  };
  return (
    <Modal
      title="登记档案移交"
      open={open}
      onCancel={close}
      onOk={() => form.submit()}
      okText="登记"
      cancelText="取消"
      confirmLoading={save.busy}
      width={640}
      destroyOnHidden
    >
      <Form<MoveForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ movedOn: dayjs() }} preserve={false}>
        <Form.Item label="档案所属村（社区）" required>
          <UnitSelect
            value={unit}
            onChange={(v) => {
              setUnit(v);
              form.setFieldsValue({ toUnitCode: undefined, itemIds: [] });
            }}
          />
        </Form.Item>
        <Form.Item name="toUnitCode" label="移交去向" rules={[{ required: true, message: '请选择移交去向' }]}>
          <Select options={targets} loading={org.isFetching} placeholder={unit ? '请选择' : '请先选择单位'} />
        </Form.Item>
        <Form.Item name="itemIds" label="移交的档案（不选则移交该单位全部在库档案）">
          <ItemPicker unitCode={unit} />
        </Form.Item>
        <Form.Item name="movedOn" label="移交日期" rules={[{ required: true, message: '请选择移交日期' }]}>
          <DatePicker />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="handedBy" label="移交人" rules={[{ required: true, whitespace: true, message: '请填写移交人' }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="receivedBy" label="接收人" rules={[{ required: true, whitespace: true, message: '请填写接收人' }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label="移交原因" rules={[{ required: true, whitespace: true, message: '请写明移交原因' }]}>
          <Input maxLength={300} placeholder="例如：村档案室不具备保管条件，提级由镇代管" />
        </Form.Item>
        <SaveError save={save} />
      </Form>
    </Modal>
  );
}

export function CustodyPage() {
  const { user } = useSession();
  const keeper = isKeeper(user.roles);
  const [adding, setAdding] = useState(false);
  const paging = usePaging(20);
  const moves = useApi<MoveList>(['archives', 'moves'], '/api/v1/archives/custody-moves', paging.limits, { keepPrevious: true });
  const columns: TableColumnsType<MoveView> = [
    { title: '移交编号', dataIndex: 'serial', width: 150 },
    { title: '移交', key: 'dir', render: (_: unknown, r) => `${r.from.name} → ${r.to.name}` },
    { title: '日期', dataIndex: 'movedOn', width: 110 },
    { title: '件数', key: 'n', width: 60, render: (_: unknown, r) => r.items.length },
    { title: '移交人 / 接收人', key: 'who', width: 150, render: (_: unknown, r) => `${r.handedBy} / ${r.receivedBy}` },
    { title: '原因', dataIndex: 'reason' },
    {
      title: '移交清单',
      key: 'list',
      width: 200,
      render: (_: unknown, r) => (
        <Space wrap>
          <Button size="small" icon={<PrinterOutlined />} href={`/api/v1/archives/custody-moves/${encodeURIComponent(r.id)}/list.pdf`} target="_blank">
            签字用 PDF
          </Button>
          <Button size="small" icon={<FileExcelOutlined />} href={`/api/v1/archives/custody-moves/${encodeURIComponent(r.id)}/list.xlsx`}>
            表格
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          提级管理（档案移交）
        </Typography.Title>
        {keeper && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记移交
          </Button>
        )}
      </Space>
      <Alert
        type="info"
        showIcon
        style={{ margin: '12px 0' }}
        title="村（社区）档案可由所属乡镇（街道）代管，代管期满可交回。每次移交须写明双方经办人，打印移交清单由双方签字。"
      />
      <PagedTable<MoveView>
        query={moves}
        what="档案移交记录"
        paging={paging}
        unit="次"
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={{ x: 1000 }}
        expandable={{
          expandedRowRender: (r) => (
            <Descriptions size="small" column={1}>
              {r.items.map((i) => (
                <Descriptions.Item key={i.id} label={i.archivalCode}>
                  {i.title}（{i.className}，{i.retentionLabel}）{i.paperLocation ? `；存放：${i.paperLocation}` : ''}
                </Descriptions.Item>
              ))}
            </Descriptions>
          ),
        }}
        locale={{ emptyText: <Empty description="还没有档案移交记录" /> }}
      />
      <MoveModal open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}
