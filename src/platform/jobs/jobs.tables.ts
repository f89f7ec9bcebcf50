/** Table type of the jobs runner (declaration merging on the shared Database interface). */
declare module '../db/schema.ts' {
  interface Database {
    jobs: JobRunTable;
  }
}

/** One run of a scheduled job; (name, run_key) is unique: the dedupe key of the run. */
export interface JobRunTable {
  id: string;
  name: string;
  /** e.g. the China-local date of a daily run, `2026-11-29`. */
  run_key: string;
  /** running | done | failed | dead */
  status: string;
  attempts: number;
  lease_until: string | null;
  next_attempt_at: string | null;
  /** Random id of the process holding the lease (diagnostics only). */
  owner: string | null;
  started_at: string;
  finished_at: string | null;
  /** Counts the job reported (never personal data). */
  result_json: string | null;
  last_error: string | null;
}
