import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime } from '../../../test/helpers/test-app.ts';
import type { Runtime } from '../../runtime.ts';
import { domainMap, listVersionItems, listVersions, toItem } from './catalog.repository.ts';
import { seedCatalogBaseline } from './catalog.commands.ts';
import { DOCUMENT_NUMBERS_USED, GOVERNMENT_SEED, VILLAGE_SEED } from './catalog.seed.ts';
import { checkDisplayRule, checkTimeRule } from './catalog.validation.ts';
import type { CatalogItem } from './catalog.types.ts';

/** The shared research docs live beside the repository: <repo>/../shared/docs. Missing docs must FAIL this test. */
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DOCS = path.resolve(REPO, '../shared/docs');

const PLAN_DOMAINS =
  '户籍管理、安全生产、保障性住房、财政预决算、城市综合执法、城乡规划、公共法律服务、公共文化服务、公共资源服务、国有土地上房屋征收与补偿、救灾生产、就业、农村集体土地、农村危房改造、社会保险、社会救助、涉农补贴、生态环境、食品药品、市政服务、税收管理、卫生健康、乡村振兴、养老服务、义务教育、重大建设项目'.split(
    '、',
  );

describe('catalog seed', () => {
  let rt: Runtime;
  let gov: CatalogItem[];
  let vil: CatalogItem[];
  beforeAll(async () => {
    rt = await openTestRuntime();
    const domains = await domainMap(rt.ctx.db);
    const versions = await listVersions(rt.ctx.db);
    const items = await listVersionItems(
      rt.ctx.db,
      versions.map((v) => v.id),
    );
    const of = (c: string) => items.filter((i) => i.version_id === versions.find((v) => v.catalog === c)!.id).map((i) => toItem(i, domains));
    gov = of('government');
    vil = of('village');
  });
  afterAll(() => rt?.close());

  it('is version 1 of each catalog, published, effective 2024-01-01, and idempotent', async () => {
    const versions = await listVersions(rt.ctx.db);
    expect(versions.map((v) => [v.catalog, v.number, v.status, v.effective_from])).toEqual([
      ['government', 1, 'published', '2024-01-01'],
      ['village', 1, 'published', '2024-01-01'],
    ]);
    expect(versions[0].reason).toContain('依据泗政办发〔2023〕72号初始建立');
    expect(await seedCatalogBaseline(rt.ctx)).toBe(0);
    expect(await listVersions(rt.ctx.db)).toHaveLength(2);
  });

  it('has the 26 government domains of the plan, each with items and a policy-document row', async () => {
    const domains = [...(await domainMap(rt.ctx.db)).values()].filter((d) => d.catalog === 'government').sort((a, b) => a.sort - b.sort);
    expect(domains.map((d) => d.name)).toEqual(PLAN_DOMAINS);
    for (const d of domains) {
      const rows = gov.filter((i) => i.domainCode === d.code);
      expect(rows.length, d.name).toBeGreaterThan(0);
      expect(
        rows.some((i) => /^政策(法规)?文件$/.test(i.level2)),
        `${d.name} 政策文件`,
      ).toBe(true);
    }
    const policy = gov.find((i) => i.key === 'gov:hjgl:policy')!;
    expect(policy.timeRule).toEqual({ kind: 'triggered', trigger: 'formed_or_changed', n: 20, unit: 'working_days' });
    expect(gov.find((i) => i.key === 'gov:czyjs:gov-budget')!.timeRule).toEqual({ kind: 'triggered', trigger: 'approved', n: 20, unit: 'calendar_days' });
    expect(gov.find((i) => i.key === 'gov:czyjs:dept')!.timeRule).toEqual({ kind: 'triggered', trigger: 'replied', n: 20, unit: 'calendar_days' });
    expect(gov.find((i) => i.key === 'gov:shjz:dibao-review')!.displayRule).toEqual({ kind: 'min_working_days', n: 7 });
    expect(gov.find((i) => i.key === 'gov:ywjy:zcps')!.timeRule).toMatchObject({ n: 3 });
  });

  it('has the five village categories with every item of plan 三(三)1', () => {
    expect([...new Set(vil.map((i) => i.domainName))]).toEqual(['村情概况', '村务公开', '财务公开', '服务公开', '其他公开']);
    const notice = fs.readFileSync(path.join(DOCS, 'seed-notice.txt'), 'utf8');
    for (const i of vil) {
      // Each 二级事项 is quoted from the notice (normalized: the notice writes 村(居)).
      const head = i.level2.replace(/情况$/, '').slice(0, 6);
      expect(notice.includes(head), i.level2).toBe(true);
    }
    const finance = vil.find((i) => i.key === 'vil:szxq')!;
    expect(finance.timeRule).toMatchObject({
      kind: 'recurring',
      frequency: 'finance_adaptive',
      due: { type: 'day_in_next_period', monthOfPeriod: 1, day: 10 },
    });
    expect(finance.source).toContain('县级设置');
    expect(vil.find((i) => i.key === 'vil:hyjd')!.bases).toContain('《中华人民共和国村民委员会组织法》第二十四条');
  });

  it('every row has a source, bases, valid rules and known channels', () => {
    for (const i of [...gov, ...vil]) {
      expect(i.source.trim(), i.key).not.toBe('');
      expect(i.bases.length, i.key).toBeGreaterThan(0);
      expect(
        i.bases.every((b) => b.trim()),
        i.key,
      ).toBe(true);
      expect(checkTimeRule(i.timeRule), i.key).toBeNull();
      expect(checkDisplayRule(i.displayRule), i.key).toBeNull();
      expect(i.channels.length, i.key).toBeGreaterThan(0);
    }
  });

  it('uses no document number that the shared docs do not contain', () => {
    // Fails (does not skip) when the docs folder is missing.
    const corpus = ['domain.md', 'seed-notice.txt', 'reference-data.md'].map((f) => fs.readFileSync(path.join(DOCS, f), 'utf8')).join('\n');
    for (const n of DOCUMENT_NUMBERS_USED) expect(corpus.includes(n), n).toBe(true);
    const used = new Set<string>();
    for (const s of [...GOVERNMENT_SEED, ...VILLAGE_SEED]) {
      for (const text of [...s.bases, ...s.elements, s.source]) for (const m of text.matchAll(/[\u4e00-\u9fa5]+〔\d{4}〕\d+号/g)) used.add(m[0]);
    }
    for (const n of used)
      expect(
        DOCUMENT_NUMBERS_USED.some((w) => n.endsWith(w)),
        `${n} not whitelisted`,
      ).toBe(true);
  });
});
