import { platformJobs } from '../db/maintenance.ts';
import type { CliCommand } from '../cli.ts';
import type { ModuleManifest } from '../module.ts';
import { listJobRuns, runDueJobs } from './jobs.ts';
import { isRealDate } from '../http/schemas.ts';

/**
 * `gongkai jobs run-due [--now=ISO]`: runs every scheduled job that is due now (or at --now), once,
 * and prints what happened as JSON. For cron users (`GONGKAI_JOBS=0` on the servers, e.g. every 5
 * minutes from cron) and tests. Safe to run while servers run their own runner: runs are leased.
 * `gongkai jobs status`: the latest runs.
 */
export function jobsCommand(modules: ModuleManifest[]): CliCommand[] {
  const jobs = () => [...platformJobs, ...modules.flatMap((m) => m.jobs ?? [])];
  return [
    {
      name: 'jobs',
      sub: 'run-due',
      usage: 'jobs run-due [--now=ISO时间]  执行到期的定时任务（每日提醒、邮件重发；供 cron 使用）',
      async run(argv, h): Promise<number> {
        const { values } = h.parse(argv, { now: { type: 'string' }, 'data-dir': { type: 'string' } });
        const nowOpt = h.opt(values, 'now');
        let fixed: Date | null = null;
        if (nowOpt !== undefined) {
          fixed = new Date(nowOpt);
          if (!/^\d{4}-\d{2}-\d{2}T/.test(nowOpt) || !isRealDate(nowOpt.slice(0, 10)) || Number.isNaN(fixed.getTime()))
            throw new h.UsageError(`--now must be an ISO-8601 time such as 2026-11-30T08:00:00+08:00, got "${nowOpt}"`);
        }
        const at = fixed;
        return h.withRuntime(
          values,
          async (rt) => {
            const outcomes = await runDueJobs(rt.ctx, jobs());
            console.log(JSON.stringify({ now: rt.ctx.clock.now().toISOString(), jobs: outcomes }, null, 2));
            return outcomes.some((o) => o.outcome === 'failed') ? 1 : 0;
          },
          at ? { clock: { now: () => new Date(at.getTime()) } } : {},
        );
      },
    },
    {
      name: 'jobs',
      sub: 'status',
      usage: 'jobs status                  最近的定时任务执行记录',
      async run(argv, h): Promise<number> {
        const { values } = h.parse(argv, { 'data-dir': { type: 'string' } });
        return h.withRuntime(values, async (rt) => {
          console.log(JSON.stringify(await listJobRuns(rt.ctx, 20), null, 2));
          return 0;
        });
      },
    },
  ];
}
