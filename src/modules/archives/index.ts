/**
 * Archives (档案): filing what was published into yearly volumes with 档号, non-disclosed paper records, retention
 * and destruction, custody moves (提级管理), the reading point (集中查阅点), the archive room's ledger, and the
 * notice boards (公开栏) with their inspections. See README.md.
 */
import './archives.tables.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { registerArchiveRoutes } from './archives.routes.ts';
import { registerBoardRoutes } from './boards.routes.ts';
import { registerReadingRoutes } from './reading.routes.ts';
import { registerArchivePages } from './archives.pages.tsx';
import { boardInspectionsProvider, boardReminders } from './archives.boards.ts';
import { seedDefaultClasses } from './archives.settings.ts';
import { seedArchivesDemo } from './archives.demo.ts';

export const manifest: ModuleManifest = {
  name: 'archives',
  // Files in the store (platform/files) that rows of this module reference: the daily sweep keeps them, a backup copies them.
  storedFiles: [
    { table: 'archive_item_files', column: 'sha256' },
    { table: 'notice_boards', column: 'photo_sha256' },
    { table: 'board_inspection_photos', column: 'sha256' },
  ],
  register(app, ctx) {
    registerArchiveRoutes(app, ctx);
    registerBoardRoutes(app, ctx);
    registerReadingRoutes(app, ctx);
    registerArchivePages(app, ctx);
  },
  // 公开栏 inspections in an assessment period feed the channel indicator (公开渠道佐证率).
  provides: { assessment: boardInspectionsProvider },
  reminders: (ctx, asOf) => boardReminders(ctx, asOf),
  async seedDemo(ctx, out) {
    if (await seedArchivesDemo(ctx))
      out.notes.push(
        '档案：卜湖社区的演示公开栏（一个超过巡查周期未巡查）、演示纸质档案（一件法律保全、一件保管期满待鉴定）、待审批/已批准/未批准的演示销毁清单各一份、一次由城厢街道代管的演示档案移交、一次演示查阅登记和一件借出逾期的库房台账',
      );
  },
  async seedBaseline(ctx) {
    await seedDefaultClasses(ctx.db, ctx.clock.now().toISOString());
  },
};

export { boardInspectionFigures, uninspectedBoards, type UninspectedBoard } from './archives.boards.ts';
export { noticeBoardRef, noticeBoardsOf, type NoticeBoardRef } from './boards.lookup.ts';
