export {
  runDueJobs,
  runJobNow,
  dailyRunKey,
  chinaHour,
  listJobRuns,
  LEASE_MINUTES,
  MAX_ATTEMPTS,
  RETRY_MINUTES,
  type JobDefinition,
  type JobRun,
  type JobSchedule,
  type JobOutcome,
} from './jobs.ts';
export { registerJobRunner, RUNNER_TICK_SECONDS } from './runner.ts';
