/** Small pieces the 公众参与 admin tabs share. */
import type { ReactNode } from 'react';
import { Modal, Tag } from 'antd';
import type { FormInstance } from 'antd';
import { SaveError, type Save } from '../../lib/save.tsx';

/** The 演示 tag after a demo row's title. */
export const demo = (on: boolean) => (on ? <Tag color="gold">演示</Tag> : null);

/** A list's first column: the row's title, then its 演示 tag. */
export function titleColumn<T extends { title: string; isDemo: boolean }>(label: string) {
  return {
    title: label,
    dataIndex: 'title',
    render: (t: string, r: T) => (
      <>
        {t} {demo(r.isDemo)}
      </>
    ),
  };
}

/**
 * The form's values once its own checks pass, else null (the form then shows its messages; nothing is sent). Awaiting
 * `validateFields()` bare would leave a refused form as an unhandled rejection. A check overtaken by typing (antd's
 * `outOfDate`: a value changed while the checks ran) is run again on the new values instead of dropping the save.
 */
export async function checkedValues<T>(form: FormInstance<T>): Promise<T | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await form.validateFields();
    } catch (err) {
      if (!(err as { outOfDate?: boolean }).outOfDate) return null;
    }
  }
  return null;
}

/** A dialog around one form: 取消, its save button (busy while saving) and the server's refusal above the form. */
export function FormDialog({
  title,
  okText,
  save,
  onOk,
  onClose,
  width,
  children,
}: {
  title: string;
  okText: string;
  save: Save;
  onOk: () => void;
  onClose: () => void;
  width?: number;
  children: ReactNode;
}) {
  return (
    <Modal open title={title} onCancel={onClose} onOk={onOk} okText={okText} cancelText="取消" confirmLoading={save.busy} width={width} destroyOnHidden>
      <SaveError save={save} style={{ marginBottom: 12 }} />
      {children}
    </Modal>
  );
}
