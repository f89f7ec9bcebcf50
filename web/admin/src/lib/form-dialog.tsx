/**
 * The admin's one dialog around one form (`<FormDialog>`): 取消, its save button (busy while the save is on its way),
 * the server's refusal above the form, and the dialog stays open on a refusal so the user mends the form and saves
 * again. Every step dialog of 依申请公开 and every 公众参与 dialog uses it.
 *
 * The save button takes the form's values through `checkedValues`: antd's `validateFields()` rejects when the form's
 * own checks fail, and also — with `outOfDate` — when another check started while it ran (a field's on-change check
 * of a value typed meanwhile); swallowing that rejection (`.catch(() => null)`, or `form.submit()`, which reports it
 * to `onFinishFailed`) would drop the save without a word. Here an out-of-date check runs again on the new values, and a
 * refused form shows its messages (nothing is sent). The busy spinner of the button comes from main.tsx's
 * `BUTTON_CONFIG` (see there why antd's own could stay behind in the idle button).
 */
import type { ReactNode } from 'react';
import { Modal } from 'antd';
import type { FormInstance } from 'antd';
import { SaveError, type Save } from './save.tsx';

/** The form's values once its own checks pass, else null (the form shows its messages). See the file's note. */
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

export function FormDialog<T>({
  title,
  okText = '确定',
  form,
  save,
  onSubmit,
  onClose,
  width,
  children,
}: {
  title: string;
  /** The save button's words (default 确定). */
  okText?: string;
  /** The dialog's form (the caller renders `<Form form={form}>` among the children). */
  form: FormInstance<T>;
  save: Save;
  /** Called with the checked values: runs the save (`save.run`) and closes the dialog on the server's yes. */
  onSubmit: (values: T) => unknown;
  onClose: () => void;
  width?: number;
  children: ReactNode;
}) {
  const submit = async () => {
    const values = await checkedValues(form);
    if (values) await onSubmit(values);
  };
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={okText}
      cancelText="取消"
      confirmLoading={save.busy}
      width={width}
      destroyOnHidden
    >
      <SaveError save={save} style={{ marginBottom: 12 }} />
      {children}
    </Modal>
  );
}
