/** Small pieces the 公众参与 admin tabs share. */
import { Tag } from 'antd';
import type { FormInstance } from 'antd';

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
