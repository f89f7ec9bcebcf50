import { useState } from 'react';
import { chinaToday } from '../../lib/china-day.ts';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { post } from '../../lib/http.ts';
import { QueryState } from '../../lib/query.tsx';
import { SaveError, useSave } from '../../lib/save.tsx';
import type { IntakeResponse } from '../../../../../src/modules/requests/requests.schemas.ts';
import { navigate } from '../../lib/router.ts';
import { SecretModal } from '../../lib/components.tsx';
import { OwnUnitPicker } from '../publishing/shared.tsx';
import { useVocabulary, type Vocabulary } from './shared.ts';

interface IntakeValues {
  unitCode: string;
  channel: string;
  receivedOn: Dayjs;
  submittedOn?: Dayjs;
  filledByStaff?: boolean;
  applicantKind: string;
  name: string;
  idType: string;
  idNumber: string;
  legalRepresentative?: string;
  phone: string;
  email?: string;
  address?: string;
  postcode?: string;
  infoDescription: string;
  infoDocNumber?: string;
  infoForm: string;
  deliveryMethod: string;
  needsAssistance?: boolean;
}

/** Staff intake of a paper, fax or oral application, with its 第31条 receipt date. */
export function RequestIntakePage() {
  const vocab = useVocabulary();
  return (
    <QueryState query={vocab} what="依申请公开的代码表">
      {(v) => <IntakeForm vocab={v} />}
    </QueryState>
  );
}

function IntakeForm({ vocab }: { vocab: Vocabulary }) {
  const [form] = Form.useForm<IntakeValues>();
  const save = useSave();
  const [done, setDone] = useState<IntakeResponse | null>(null);
  const channel = Form.useWatch('channel', form);
  const rule = vocab.channels.find((c) => c.code === channel);

  const submit = async (v: IntakeValues) => {
    await save.run(async () => {
      const res = await post<IntakeResponse>('/api/v1/info-requests/intake', {
        unitCode: v.unitCode,
        channel: v.channel,
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        submittedOn: v.submittedOn ? v.submittedOn.format('YYYY-MM-DD') : null,
        filledByStaff: !!v.filledByStaff,
        applicantKind: v.applicantKind,
        applicant: {
          name: v.name,
          idType: v.idType,
          idNumber: v.idNumber,
          legalRepresentative: v.legalRepresentative || null,
          phone: v.phone,
          email: v.email || null,
          address: v.address || null,
          postcode: v.postcode || null,
        },
        infoDescription: v.infoDescription,
        infoDocNumber: v.infoDocNumber || null,
        infoForm: v.infoForm,
        deliveryMethod: v.deliveryMethod,
        needsAssistance: !!v.needsAssistance,
      });
      setDone(res);
    });
  };

  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        登记政府信息公开申请
      </Typography.Title>
      <Typography.Paragraph type="secondary">当面、邮寄、传真或口头提出的申请在此登记。网上申请由申请人自行提交，请在列表中“确认收到”。</Typography.Paragraph>
      <SaveError save={save} style={{ marginBottom: 16 }} />
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{
          channel: 'in-person',
          receivedOn: chinaToday(),
          applicantKind: 'natural',
          idType: '居民身份证',
          infoForm: 'paper',
          deliveryMethod: 'pickup',
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="unitCode" label="受理机关" rules={[{ required: true, message: '请选择受理机关' }]}>
          <OwnUnitPicker onChange={(v) => form.setFieldValue('unitCode', v)} />
        </Form.Item>
        <Form.Item name="channel" label="申请方式" rules={[{ required: true }]}>
          <Radio.Group options={vocab.channels.filter((c) => c.code !== 'online').map((c) => ({ value: c.code, label: c.label }))} />
        </Form.Item>
        {rule && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`收到申请之日：${rule.receiptRule}（条例${rule.article}）`} />}
        <Space wrap size={16}>
          <Form.Item name="receivedOn" label="收到申请日期" rules={[{ required: true, message: '请选择收到申请日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(chinaToday(), 'day')} />
          </Form.Item>
          {(channel === 'registered-mail' || channel === 'ordinary-mail' || channel === 'fax') && (
            <Form.Item name="submittedOn" label="申请人寄出（发送）日期">
              <DatePicker disabledDate={(d) => d.isAfter(chinaToday(), 'day')} />
            </Form.Item>
          )}
        </Space>
        {channel !== 'oral' && (
          <Form.Item name="filledByStaff" valuePropName="checked">
            <Checkbox>申请人书写确有困难，由工作人员代为填写（条例第二十九条）</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="applicantKind" label="申请人类型" rules={[{ required: true }]}>
          <Select options={vocab.applicantKinds.map((k) => ({ value: k.code, label: k.group ? `${k.group}：${k.label}` : k.label }))} />
        </Form.Item>
        <Form.Item name="name" label="姓名或名称" rules={[{ required: true, message: '请填写申请人姓名或名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item name="idType" label="身份证明类型" rules={[{ required: true, message: '请填写身份证明类型' }]}>
            <Input maxLength={40} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="idNumber" label="证件号码" rules={[{ required: true, message: '请填写证件号码' }]}>
            <Input maxLength={40} style={{ width: 280 }} />
          </Form.Item>
        </Space>
        <Form.Item name="legalRepresentative" label="法定代表人或负责人（组织）">
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
            <Input maxLength={30} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="email" label="电子邮箱">
            <Input maxLength={200} style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Space wrap size={16}>
          <Form.Item name="address" label="通信地址">
            <Input maxLength={300} style={{ width: 380 }} />
          </Form.Item>
          <Form.Item name="postcode" label="邮政编码">
            <Input maxLength={6} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="infoDescription" label="所需政府信息的名称、文号或特征性描述" rules={[{ required: true, message: '请填写所需信息' }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="infoDocNumber" label="文号">
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item name="infoForm" label="载体形式" rules={[{ required: true }]}>
            <Select style={{ width: 200 }} options={vocab.informationForms.map((f) => ({ value: f.code, label: f.label }))} />
          </Form.Item>
          <Form.Item name="deliveryMethod" label="获取方式" rules={[{ required: true }]}>
            <Select style={{ width: 220 }} options={vocab.deliveryMethods.map((f) => ({ value: f.code, label: f.label }))} />
          </Form.Item>
        </Space>
        <Form.Item name="needsAssistance" valuePropName="checked">
          <Checkbox>申请人有阅读困难或视听障碍，需要帮助（条例第四十三条）</Checkbox>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.busy} size="large">
            登记并出具接收回执
          </Button>
          <Button onClick={() => navigate('/requests')}>取消</Button>
        </Space>
      </Form>
      <SecretModal
        open={!!done}
        title={`已登记：${done?.regNo ?? ''}`}
        label={`查询码 ${done?.trackingCode ?? ''} 的查询密码（请交给申请人，用于在网站上查询进度）`}
        secret={done?.trackingSecret ?? null}
        warning="查询密码只显示这一次。请抄写在接收回执上交给申请人。"
        onClose={() => done && navigate(`/requests/${done.id}`)}
      />
    </Card>
  );
}
