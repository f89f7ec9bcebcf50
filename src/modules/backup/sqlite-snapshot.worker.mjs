// Copies a live SQLite database with SQLite's online backup API, in a worker thread with its own
// connection so the server's event loop keeps running. All pages are copied in one backup step, which
// runs inside one read transaction: in WAL mode writers carry on, and the copy is exactly the database
// as of the moment that step began (a write by another connection before it only restarts the copy).
// The copy is switched to a rollback journal so it is one self-contained file.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { source, dest } = workerData;
let src = null;
try {
  src = new Database(source, { fileMustExist: true });
  src.pragma('busy_timeout = 5000');
  await src.backup(dest, { progress: () => 0x7fffffff });
  const copy = new Database(dest);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  parentPort.postMessage({ ok: true });
} catch (e) {
  parentPort.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
} finally {
  src?.close();
}
