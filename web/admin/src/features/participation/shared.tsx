/** Small pieces the 公众参与 admin tabs share. */
import { Tag } from 'antd';

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
