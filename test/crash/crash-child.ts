/**
 * The process the crash-safety test kills (test/crash-safety.test.ts). Usage:
 *   node child.mjs OP CALIBRATION_DIR DIR [DIR …]
 * Opens the server's database in each data dir, runs the operation on two calibration copies (CALIBRATION_DIR-a
 * and -b; the second, warm run's time sets the span of the kill points), prints `READY ms`, waits for `GO d0 d1 …` on
 * stdin, then starts the operation on every dir after its delay (ms) — concurrently, like a server with several
 * requests in flight — and reports progress (`S j ms` started, `P j step` before each step, `Q j n` n statements done, `D j ms` done,
 * `E j message` failed). It never exits by itself: it is SIGKILLed.
 */
// The child is a composition root like the app and the CLI: it loads the module list (the reminder run reads it).
import '../../src/modules/index.ts';
import { OPS, openCtx, readFixture, type OpName } from './crash-ops.ts';

const [op, calibration, ...dirs] = process.argv.slice(2) as [OpName, string, ...string[]];
const say = (line: string) => process.stdout.write(`${line}\n`);
const statements = dirs.map(() => 0);
let going = false;
const opened = await Promise.all(
  dirs.map(async (dir, j) => ({
    dir,
    fx: readFixture(dir),
    // After GO, every statement an operation completes is reported (`Q j n`): the parent knows where the kill fell.
    ...(await openCtx(dir, undefined, { interleave: true, onStatement: () => going && say(`Q ${j} ${++statements[j]}`) })),
  })),
);
// Twice: the first run is cold (modules compiled on first use); the second is the time a warm server takes.
let warm = Infinity;
for (const suffix of ['a', 'b']) {
  const dir = `${calibration}-${suffix}`;
  const cal = await openCtx(dir, undefined, { interleave: true });
  const c0 = performance.now();
  await OPS[op].run(cal.ctx, readFixture(dir), dir, () => {});
  warm = Math.min(warm, performance.now() - c0);
  await cal.close();
}
say(`READY ${Math.round(warm)}`);
process.stdin.once('data', (line) => {
  const delays = String(line).trim().split(/\s+/).slice(1).map(Number);
  going = true;
  const t0 = performance.now();
  opened.forEach((r, j) => {
    setTimeout(() => {
      say(`S ${j} ${Math.round(performance.now() - t0)}`);
      OPS[op]
        .run(r.ctx, r.fx, r.dir, (step) => say(`P ${j} ${step}`))
        .then(() => say(`D ${j} ${Math.round(performance.now() - t0)}`))
        .catch((e: unknown) => say(`E ${j} ${e instanceof Error ? e.message : String(e)}`));
    }, delays[j]);
  });
});
// Keep running until killed.
setInterval(() => {}, 1 << 30);
