import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime } from '../../../test/helpers/test-app.ts';
import type { Runtime } from '../../runtime.ts';
import { analyzeDocument, excerptOf } from './analyze.ts';
import type { EngineQuery, SearchDocumentInput } from './engine.ts';
import { FIXTURE_DOCS, GENERATED_STYLE_DOCS } from './search.fixture.ts';
import { PostgresSearchEngine } from './search-postgres.repository.ts';
import { rebuildSearchIndex } from './search.ts';
import { normalizeText, textTokens } from './segment.ts';

// The PostgreSQL engine stores no body tokens: the match index computes them in SQL
// (gongkai_search_body, migration 20261212_0300) and phrases are checked on the excerpt. Both must
// agree with the JavaScript segmenter, which SQLite's index and every query are built from.

const NOW = new Date('2026-11-26T08:00:00.000Z');

function doc(slug: string, title: string, bodyText: string): SearchDocumentInput {
  return {
    docId: `disclosure:pg-${slug}`,
    type: 'village',
    unitCode: '321323101001',
    unitPath: '/321323/321323101/321323101001/',
    unitName: '众兴镇王三庄村',
    title,
    bodyText,
    url: `/d/pg-${slug}`,
    publishedAt: '2026-11-20T02:00:00.000Z',
  };
}

/** Texts where the tokens are easy to get wrong: runs split by punctuation, ASCII beside Han, single characters, case, width, astral characters, long runs. */
const EDGE_DOCS = [
  doc('comma', '村务事项', '本村财务，公开如下。'),
  doc('joined', '村务事项', '本村财务公开如下。'),
  doc('mixed', '通信建设', '新建5G基站三座，5g 基站覆盖全村。'),
  doc('mixed-apart', '通信建设', '5GX基站与5G-A 基站。'),
  doc('single', '道路', '村 道路硬化；我村道路畅通。'),
  doc('ascii', '编号', 'ABC123 测试 ＡＢＣ１２３ x'.concat('y'.repeat(70))),
  doc('astral', '生僻字', '𠀀𠀁𠀂 与 𠀀 单字'),
];
const DOCS = [...FIXTURE_DOCS, ...GENERATED_STYLE_DOCS, ...EDGE_DOCS];

/** Whether `inner` occurs in `outer` as consecutive tokens. */
function adjacent(outer: string[], inner: string[]): boolean {
  for (let i = 0; i + inner.length <= outer.length; i += 1) if (inner.every((t, k) => outer[i + k] === t)) return true;
  return false;
}

/** The documents a text phrase matches by the segmenter's definition: its tokens consecutive within one field. */
function expectedMatches(phrase: string[]): string[] {
  return DOCS.filter((d) => {
    const f = analyzeDocument(d, NOW).fields;
    return [f.title, f.unit, f.tpy, f.body].some((field) => adjacent(field.split(' ').filter(Boolean), phrase));
  })
    .map((d) => d.docId)
    .sort();
}

const onPostgres = !!process.env.GONGKAI_TEST_PG_URL;
let rt: Runtime;

describe.runIf(onPostgres)('PostgreSQL search engine: body tokens computed in SQL', () => {
  beforeAll(async () => {
    rt = await openTestRuntime({ clock: { now: () => NOW } });
    await rebuildSearchIndex(rt.ctx, DOCS);
  });
  afterAll(async () => {
    await rt?.close();
  });

  it('computes exactly the segmenter’s body tokens from the excerpt', async () => {
    for (const d of DOCS) {
      const excerpt = excerptOf(d);
      const js = [...new Set(textTokens(normalizeText(excerpt)).split(' ').filter(Boolean))].sort();
      const r = await sql<{ t: string[] }>`select tsvector_to_array(gongkai_search_body(${excerpt})) as t`.execute(rt.ctx.db);
      expect([...r.rows[0].t].sort(), d.docId).toEqual(js);
    }
  });

  it('matches a phrase exactly where the segmenter’s tokens are consecutive', async () => {
    const engine = new PostgresSearchEngine(rt.ctx.db);
    const phrases = [
      ['财务', '务公', '公开'],
      ['财务', '公开'],
      ['5g', '基站'],
      ['5g', '基站', '站三'],
      ['基站', '站三'],
      ['村', '道路'],
      ['道路'],
      ['abc123'],
      ['abc123', '测试'],
      ['𠀀𠀁', '𠀁𠀂'],
      ['𠀀', '单字'],
      ['低保', '保户'],
      ['宅基', '基地', '地审', '审批'],
      ['春节', '节慰', '慰问'],
    ];
    for (const p of phrases) {
      // A second alternative that never matches keeps the term from being answered by the index alone.
      const q: EngineQuery = {
        terms: [
          {
            text: p.join(''),
            alts: [
              { text: p.join(''), phrases: [p], fields: 'text' },
              { text: 'zzzq', phrases: [['zzzq']], fields: 'names' },
            ],
          },
        ],
        mode: 'all',
        filters: {},
        now: NOW.toISOString(),
        today: '2026-11-26',
      };
      const m = await engine.matches(q, 1000, 200);
      const expected = expectedMatches(p);
      expect(expected.length, p.join(' ')).toBeGreaterThan(0);
      expect(m.count, p.join(' ')).toBe(expected.length);
      expect(m.window.map((r) => r.doc_id).sort(), p.join(' ')).toEqual(expected);
    }
  });

  it('counts a word with a one-token and a phrase alternative exactly, below and at the cap', async () => {
    const engine = new PostgresSearchEngine(rt.ctx.db);
    const q: EngineQuery = {
      terms: [
        {
          text: '低保',
          alts: [
            { text: '低保', phrases: [['低保']], fields: 'text' },
            { text: '最低生活保障', phrases: [['最低', '低生', '生活', '活保', '保障']], fields: 'text' },
          ],
        },
      ],
      mode: 'all',
      filters: {},
      now: NOW.toISOString(),
      today: '2026-11-26',
    };
    const expected = [...new Set([...expectedMatches(['低保']), ...expectedMatches(['最低', '低生', '生活', '活保', '保障'])])];
    expect(expected.length).toBeGreaterThan(3);
    expect((await engine.matches(q, 1000, 0)).count).toBe(expected.length);
    // At a cap below the one-token matches alone, the count is the cap (no row checked).
    expect((await engine.matches(q, 3, 0)).count).toBe(3);
    expect((await engine.matches(q, expected.length + 1, 5)).count).toBe(expected.length);
  });
});
