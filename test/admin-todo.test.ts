/** The admin's one to-do list: publishing's 我的待办 and every module's reminders merged (web/admin/src/features/todo/merge.ts). */
import { describe, expect, it } from 'vitest';
import { mergeTodo, todoCount } from '../web/admin/src/features/todo/merge.ts';
import type { Todo } from '../web/admin/src/features/publishing/api.ts';
import type { RemindersView, TodoRow } from '../web/admin/src/features/notifications/api.ts';

const owed = (over: Partial<Todo['owed'][number]> = {}): Todo['owed'][number] => ({
  unitCode: '321323002-buhu',
  unitName: '卜湖社区',
  itemKey: 'vil:cwgk',
  itemName: '财务收支情况',
  period: '2026-Q3',
  periodLabel: '2026年第3季度',
  dueDate: '2026-10-15',
  overdue: true,
  provisional: false,
  ...over,
});
const reminder = (over: Partial<TodoRow> = {}): TodoRow => ({
  key: 'obligation:321323002-buhu:vil:cwgk:2026-Q3',
  unitCode: '321323002-buhu',
  unitName: '卜湖社区',
  kind: 'obligation',
  title: '2026年第3季度 财务收支情况',
  dueDate: '2026-10-15',
  status: 'overdue',
  state: 'overdue',
  stateLabel: '已逾期',
  overdueWorkingDays: 12,
  link: '/admin/disclosures/new?unit=321323002-buhu&item=vil%3Acwgk&period=2026-Q3',
  ...over,
});
const view = (items: TodoRow[]): RemindersView => ({ asOf: '2026-11-02', dueSoonWorkingDays: 5, failedModules: [], items });
const publishing = (over: Partial<Todo> = {}): Todo => ({ owed: [], returned: [], toReview: [], ...over });

describe('mergeTodo', () => {
  it('lists an obligation both sources name once, in publishing’s words, with the reminder’s overdue days', () => {
    const groups = mergeTodo(publishing({ owed: [owed()] }), view([reminder()]));
    expect(groups.map((g) => g.id)).toEqual(['overdue']);
    expect(groups[0].title).toBe('已逾期，请尽快办理');
    expect(groups[0].entries).toHaveLength(1);
    const e = groups[0].entries[0];
    expect(e).toMatchObject({
      title: '财务收支情况',
      tag: '2026年第3季度',
      action: { label: '去填写', to: '/disclosures/new?unit=321323002-buhu&item=vil%3Acwgk&period=2026-Q3' },
    });
    expect(e.detail).toEqual({ kind: 'due', dueDate: '2026-10-15', overdueWorkingDays: 12, overdue: true, provisional: false });
  });

  it('puts review, returned, escalated, overdue and due-soon items in that order, other modules’ items with 去办理', () => {
    const groups = mergeTodo(
      publishing({
        owed: [owed({ itemKey: 'vil:cwjh', itemName: '村级财务计划', period: '2026', periodLabel: '2026年', dueDate: '2026-11-06', overdue: false })],
        returned: [{ id: 'd2', title: '卜湖社区低保名单', unitCode: '321323002-buhu', comment: '身份证号未遮盖', at: '2026-11-01T02:00:00.000Z' }],
        toReview: [
          {
            id: 'd1',
            title: '王集村道路修缮公示',
            unitCode: '321323002-wangji',
            unitName: '王集村',
            status: 'submitted',
            submittedAt: '2026-11-01T01:00:00.000Z',
          },
        ],
      }),
      view([
        reminder({
          key: 'info-request:12',
          kind: 'info-request.answer',
          title: '答复申请 2026-0012',
          dueDate: '2026-11-05',
          status: 'due-soon',
          state: 'due-soon',
          overdueWorkingDays: 0,
          link: '/admin/requests/12',
        }),
        reminder({
          key: 'obligation:321323002-wangji:vil:cwgk:2026-Q3',
          unitCode: '321323002-wangji',
          unitName: '王集村',
          state: 'escalated',
          overdueWorkingDays: 20,
        }),
      ]),
    );
    expect(groups.map((g) => g.id)).toEqual(['review', 'returned', 'escalated', 'soon']);
    expect(groups[0].entries[0].action).toEqual({ label: '去审核', to: '/disclosures/d1' });
    expect(groups[1].entries[0].action).toEqual({ label: '去修改', to: '/disclosures/new?id=d2' });
    expect(groups[2].entries[0]).toMatchObject({ unitName: '王集村', action: { label: '去填写' } });
    // Due soon, sorted by due date: the request answer (11-05) before the plan (11-06, publishing's own row).
    expect(groups[3].entries.map((e) => [e.title, e.action.label, e.action.to])).toEqual([
      ['答复申请 2026-0012', '去办理', '/requests/12'],
      ['村级财务计划', '去填写', '/disclosures/new?unit=321323002-buhu&item=vil%3Acwjh&period=2026'],
    ]);
    expect(groups[3].title).toBe('即将到期（本周内及 5 个工作日内）');
    expect(todoCount(groups)).toBe(5);
  });

  it('shows what one source has when the other failed, and nothing when both are empty', () => {
    expect(mergeTodo(undefined, view([reminder()]))[0].entries[0]).toMatchObject({
      title: '2026年第3季度 财务收支情况',
      tag: '应公开事项',
      action: { to: '/disclosures/new?unit=321323002-buhu&item=vil%3Acwgk&period=2026-Q3' },
    });
    const onlyPublishing = mergeTodo(publishing({ owed: [owed({ overdue: false })] }), undefined);
    expect(onlyPublishing.map((g) => [g.id, g.title])).toEqual([['soon', '即将到期（本周内及提醒期内）']]);
    expect(mergeTodo(publishing(), view([]))).toEqual([]);
  });

  it('keeps a period-less item’s form link without a period, and repeats of one reminder once', () => {
    const groups = mergeTodo(
      publishing({ owed: [owed({ period: 'event:abc', overdue: false })] }),
      view([
        reminder({ key: 'rect:1', kind: 'rectification', link: '/admin/rectifications/1' }),
        reminder({ key: 'rect:1', kind: 'rectification', link: '/admin/rectifications/1' }),
      ]),
    );
    expect(groups.find((g) => g.id === 'soon')!.entries[0].action.to).toBe('/disclosures/new?unit=321323002-buhu&item=vil%3Acwgk');
    expect(groups.find((g) => g.id === 'overdue')!.entries).toHaveLength(1);
  });
});
