import { it } from 'vitest';
import { openTestRuntime } from '../../../test/helpers/test-app.ts';
import { generateInto } from '../../../bench/lib/generate-county.ts';
import { FIXTURE_DOCS, GENERATED_STYLE_DOCS } from './search.fixture.ts';
import { indexDocuments, search } from './search.ts';
it('dbg', async () => {
  const rt = await openTestRuntime({ clock: { now: () => new Date('2026-11-26T08:00:00.000Z') } });
  await generateInto(rt.ctx, { scale: 0.005, log: () => {} });
  await indexDocuments(rt.ctx, [...FIXTURE_DOCS, ...GENERATED_STYLE_DOCS]);
  for (const q of ['公示', '财务', '三资', '五保户名单', 'tdlz', '残补', '低保 城厢']) {
    const r = await search(rt.ctx, { q, pageSize: 10 });
    if (r.ok) console.log(q, r.value.total, r.value.relaxed, '\n   ' + r.value.items.map((i) => `${i.title} [${i.unitName}]`).join('\n   '));
  }
}, 120000);
