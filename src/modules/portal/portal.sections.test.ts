import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DEPT, openFixture, publishGov, publishVillage, TOWN, VILLAGE, type Fixture } from '../publishing/disclosure.fixture.ts';
import { multipart, statementXlsx, type StatementLine } from '../publishing/data/test-files.ts';

const ID = '11010519491231002X';
const EVIL = '<script>alert(1)</script>';

let f: Fixture;
let call: ReturnType<typeof api>;
let villageId = '';
let evilId = '';
let financeId = '';
let gov: { id: string; indexNo: string };

async function get(url: string, cookie?: string) {
  return f.t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const links = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

async function publishFinance(): Promise<string> {
  const d = await call(f.s.clerk, 'POST', '/api/v1/disclosures', {
    unitCode: VILLAGE,
    itemKey: 'vil:szxq',
    period: '2026-Q3',
    title: '2026年第三季度财务收支公开',
    formedOn: '2026-11-20',
    body: '<p>现将本社区财务收支情况公开如下。</p>',
  });
  expect(d.statusCode, d.body).toBe(201);
  const id = d.json().id as string;
  const lines: StatementLine[] = [
    ['2026-07-03', '记-001', '收到村集体厂房租金', '经营收入', 3500, null],
    ['2026-08-12', '记-002', `补助款（身份证${ID}）`, '公益支出', null, 2000],
    ['2026-09-20', '记-003', '办公用品', '管理费用', null, 100.5],
  ];
  const m = multipart({}, { name: 's.xlsx', content: await statementXlsx(lines, 12000, 13399.5) });
  const up = await f.t.app.inject({
    method: 'POST',
    url: `/api/v1/disclosures/${id}/finance-statement`,
    payload: m.payload,
    headers: { ...f.s.clerk.headers(), ...m.headers },
  });
  expect(up.statusCode, up.body).toBe(200);
  const scan = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-scan`, {});
  for (const h of scan.json().hits as { fingerprint: string }[])
    await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/pii-decisions`, { fingerprint: h.fingerprint, action: 'mask' });
  expect((await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/submit`, {})).statusCode).toBe(200);
  expect((await call(f.s.supervisor, 'POST', `/api/v1/disclosures/${id}/review`, { decision: 'approve', comment: '同意' })).statusCode).toBe(200);
  const p = await call(f.s.clerk, 'POST', `/api/v1/disclosures/${id}/publish`, {});
  expect(p.statusCode, p.body).toBe(200);
  return id;
}

beforeAll(async () => {
  f = await openFixture();
  call = api(f);
  villageId = await publishVillage(f, '<p>村民代表会议决定：修建卜湖社区内道路，预算十二万元。</p>');
  evilId = await publishVillage(f, `<p>正文${EVIL}</p>`, { title: `会议决定${EVIL}` });
  financeId = await publishFinance();
  gov = await publishGov(f, '民政局社会救助政策解读');
}, 120_000);
afterAll(() => f?.t.close());

describe('county home', () => {
  it('lists the latest disclosures with unit and date, the 26 domains, the five village categories and the 专区 links', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    const latest = text(res.body.slice(res.body.indexOf('id="latest"'), res.body.indexOf('id="by-domain"')));
    expect(latest).toContain('民政局社会救助政策解读');
    expect(latest).toContain('卜湖社区');
    expect(latest).toMatch(/2026年11月26日/);
    const domainLinks = links(res.body).filter((h) => h.startsWith('/domains/'));
    expect(domainLinks).toHaveLength(31);
    expect(domainLinks).toContain('/domains/shjz');
    expect(domainLinks).toContain('/domains/v-cwu');
    const special = res.body.slice(res.body.indexOf('id="special"'));
    expect(special).toContain('href="/units/321323/guide"');
    expect(special).toContain('href="/units/321323/catalog"');
    expect(special).toContain('href="/search"');
    expect(special).toContain('href="/requests"');
    expect(special).not.toMatch(/互动|即将|敬请期待/);
  });

  it('has no dead links: every same-site link on the home page answers 200', async () => {
    const res = await get('/');
    const targets = [...new Set(links(res.body).filter((h) => h.startsWith('/') && !h.startsWith('/preferences/') && !h.startsWith('/assets/')))];
    expect(targets.length).toBeGreaterThan(40);
    for (const href of targets) {
      const r = await get(href);
      expect(r.statusCode, href).toBe(200);
    }
  });
});

describe('town page', () => {
  it('shows its own information and every community with what it currently displays', async () => {
    const res = await get(`/units/${TOWN}`);
    expect(res.statusCode).toBe(200);
    const col = res.body.slice(res.body.indexOf('id="village-column"'));
    expect(col).toContain('村（居）务公开专栏');
    const buhu = text(col.slice(col.indexOf(`href="/units/${VILLAGE}"`), col.indexOf('</li></ul></li>', col.indexOf(`href="/units/${VILLAGE}"`))));
    expect(buhu).toContain('卜湖社区');
    expect(buhu).toContain('公示中 3 条');
    expect(col).toContain(`href="/disclosures/${villageId}"`);
    expect(col).toContain('暂无正在公示的信息');
    expect(res.body).toContain('id="current-disclosures"');
    expect(res.body).toContain(`href="/units/${TOWN}/guide"`);
  });
});

describe('village page', () => {
  it('groups current notices by the five categories, charts the finance overview with a table, links catalog and guide', async () => {
    const res = await get(`/units/${VILLAGE}`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    for (const c of ['村情概况（0条）', '村务公开（2条）', '财务公开（1条）', '服务公开（0条）', '其他公开（0条）']) expect(html).toContain(c);
    const cwgk = html.slice(html.indexOf('id="cat-v-cwgk"'), html.indexOf('id="cat-v-cwu"'));
    expect(cwgk).toContain(`/disclosures/${villageId}`);
    const fin = html.slice(html.indexOf('id="finance-overview"'), html.indexOf('</section>', html.indexOf('id="finance-overview"')));
    expect(fin).toContain('<svg');
    expect(fin).toMatch(/<title id="chart-finance-overview-title">近12个月收入与支出（元）<\/title>/);
    expect(fin).toContain('<desc id="chart-finance-overview-desc">2026年7月：收入 3,500.00 元');
    expect(fin).toContain('<caption>各月收入与支出（元）</caption>');
    expect(fin).toContain(`href="/disclosures/${financeId}"`);
    expect(html).toContain(`href="/units/${VILLAGE}/catalog"`);
    expect(html).toContain(`href="/units/${VILLAGE}/guide"`);
    expect(html).toContain('id="past-disclosures"');
    expect(html).toContain('id="contact"');
  });

  it('never shows unmasked personal data and escapes titles', async () => {
    for (const url of [
      `/units/${VILLAGE}`,
      `/units/${TOWN}`,
      '/',
      '/domains/v-cwu',
      '/domains/v-cwgk',
      `/disclosures/${financeId}`,
      `/disclosures/${evilId}`,
    ]) {
      const res = await get(url);
      expect(res.body, url).not.toContain(ID);
      expect(res.body, url).not.toContain(EVIL);
    }
    const res = await get(`/units/${VILLAGE}`);
    expect(res.body).toContain('会议决定&lt;script&gt;');
  });

  it('works in 长辈模式', async () => {
    const res = await get(`/units/${VILLAGE}`, 'gk_elder=1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="elder"');
    expect(res.body).toContain('村务公开（2条）');
  });
});

describe('往期 by year and month', () => {
  it('lists months of a year and the records of one month', async () => {
    f.clock.set('2027-03-01T01:00:00.000Z');
    try {
      const unitPage = await get(`/units/${VILLAGE}`);
      expect(unitPage.body).toContain(`/units/${VILLAGE}/disclosures?year=2026&amp;month=11`);
      const year = await get(`/units/${VILLAGE}/disclosures?year=2026`);
      expect(year.statusCode).toBe(200);
      expect(year.body).toContain('11月（3条）');
      const month = await get(`/units/${VILLAGE}/disclosures?year=2026&month=11`);
      expect(month.body).toContain('卜湖社区2026年11月公开信息');
      expect(month.body).toContain(`/disclosures/${villageId}`);
      const empty = await get(`/units/${VILLAGE}/disclosures?year=2026&month=5`);
      expect(empty.body).toContain('该月暂无公开信息。');
    } finally {
      f.clock.set('2026-11-26T01:00:00.000Z');
    }
  });
});

describe('domain page', () => {
  it('lists the published disclosures of the domain across the county and its catalog items', async () => {
    const res = await get('/domains/v-cwgk');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>村（居）务公开：村务公开</h1>');
    expect(res.body).toContain('共 2 条');
    expect(res.body).toContain(`/disclosures/${villageId}`);
    expect(res.body).not.toContain(`/disclosures/${financeId}`);
    expect(text(res.body)).toContain('村(居)民会议或村民代表会议的决定及实施情况');
    const gov26 = await get('/domains/shjz');
    expect(gov26.body).toContain('社会救助领域公开信息');
    expect(gov26.body).toContain('本领域暂无已发布的信息。');
  });

  it('pages newest first, 20 a page', async () => {
    for (let i = 0; i < 20; i++) {
      f.clock.set(`2026-11-26T0${2 + Math.floor(i / 10)}:${String((i % 10) * 5).padStart(2, '0')}:00.000Z`);
      await publishVillage(f, `<p>第${i}次会议决定。</p>`, { title: `第${i}次村民代表会议决定` });
    }
    const p1 = await get('/domains/v-cwgk');
    expect(p1.body).toContain('共 22 条');
    expect(p1.body).toContain('第 1 页，共 2 页');
    expect(p1.body).toContain('href="/domains/v-cwgk?page=2"');
    expect(p1.body.indexOf('第19次村民代表会议决定')).toBeLessThan(p1.body.indexOf('第0次村民代表会议决定'));
    const p2 = await get('/domains/v-cwgk?page=2');
    expect(p2.body).toContain('第 2 页，共 2 页');
    expect(p2.body).toContain(`/disclosures/${villageId}`);
  });

  it('answers 404 in Chinese for an unknown domain, escaping the code', async () => {
    const res = await get(`/domains/${encodeURIComponent(EVIL)}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('领域不存在');
    expect(res.body).not.toContain(EVIL);
  });
});

describe('公开指南', () => {
  it('explains organisation, access and the office for a department, with the county contact where its own is missing', async () => {
    const res = await get(`/units/${DEPT}/guide`);
    expect(res.statusCode).toBe(200);
    const t = text(res.body);
    expect(t).toContain('政府信息公开指南');
    expect(t).toContain('依申请公开');
    expect(t).toContain('书面申请');
    expect(res.body).toContain(`href="/requests/apply?unit=${DEPT}"`);
    expect(t).toContain('20个工作日');
    expect(t).toMatch(/办公地址/);
    expect(res.body).toContain(`href="/units/${DEPT}/catalog"`);
    expect(res.body).not.toMatch(/在线申请表|敬请期待/);
  });

  it('has a village version, a county version linked from the footer, and a Chinese 404', async () => {
    const v = await get(`/units/${VILLAGE}/guide`);
    expect(v.statusCode).toBe(200);
    expect(text(v.body)).toContain('村（居）务公开指南');
    expect(text(v.body)).toContain('村情概况');
    const county = await get('/units/321323/guide');
    expect(county.statusCode).toBe(200);
    const home = await get('/');
    const footer = home.body.slice(home.body.indexOf('<footer'));
    expect(footer).toContain('href="/units/321323/guide"');
    const missing = await get('/units/nope/guide');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('单位不存在');
  });
});

describe('disclosure page metadata and sitemap', () => {
  it('has og:type article and a description from the body', async () => {
    const res = await get(`/disclosures/${villageId}`);
    expect(res.body).toContain('<meta property="og:type" content="article"/>');
    expect(res.body).toContain('<meta property="og:description" content="村民代表会议决定：修建卜湖社区内道路，预算十二万元。"/>');
    expect(res.body).toContain('<meta name="description" content="村民代表会议决定：修建卜湖社区内道路，预算十二万元。"/>');
  });

  it('lists published disclosure pages (one sitemap per month) and domain pages in sitemap.xml', async () => {
    const index = (await get('/sitemap.xml')).body;
    expect(index).toContain('<loc>http://localhost:3000/sitemaps/disclosures-2026-11.xml</loc>');
    const month = await get('/sitemaps/disclosures-2026-11.xml');
    expect(month.statusCode).toBe(200);
    expect(month.body).toContain(`/disclosures/${villageId}</loc>`);
    expect(month.body).toContain(`/disclosures/${gov.id}</loc>`);
    expect((await get('/sitemaps/disclosures-2026-10.xml')).body).not.toContain('/disclosures/');
    expect((await get('/sitemaps/disclosures-2026-13.xml')).statusCode).toBe(404);
    const pages = (await get('/sitemaps/pages.xml')).body;
    expect(pages).toContain('/domains/shjz</loc>');
    expect(pages).toContain('/domains/v-qtgk</loc>');
  });
});
