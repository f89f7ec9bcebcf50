import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeUser, openTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { safeBackPath } from '../../platform/views/site.ts';

let t: TestApp;

beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string, cookie?: string) {
  return t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
}

/** Text of the first element matching `open…</tag>`, tags stripped. */
function section(html: string, startMarker: string, endTag: string): string {
  const i = html.indexOf(startMarker);
  expect(i, `marker ${startMarker}`).toBeGreaterThanOrEqual(0);
  const j = html.indexOf(endTag, i);
  return html
    .slice(i, j)
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'");
}

function linksTo(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
}

describe('county home', () => {
  it('lists all 13 active 乡镇（街道） and links to 城厢街道 with its community count', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(html).toContain('<h1>泗阳县</h1>');
    const towns = section(html, 'id="towns"', '</ul>');
    expect(towns).toContain('乡镇（街道）（13个）');
    const townLinks = html.slice(html.indexOf('id="towns"'), html.indexOf('</ul>', html.indexOf('id="towns"'))).match(/class="unit-link"/g) ?? [];
    expect(townLinks).toHaveLength(13);
    expect(html).toContain('href="/units/321323002"');
    expect(towns).toContain('城厢街道14个社区');
    // Abolished towns are history, not part of today's list.
    expect(towns).not.toContain('众兴镇');
    // Departments and the village finder.
    expect(html).toContain('href="/units/dept-mzj"');
    const forms = html.match(/<form[^>]*>/g) ?? [];
    // The site search first, then the village finder; both plain GET forms.
    expect(forms.map((f) => /action="([^"]+)"/.exec(f)?.[1])).toEqual(['/search', '/units']);
    expect(forms.every((f) => f.includes('method="get"'))).toBe(true);
    expect(html).toMatch(/<label for="home-q">[^<]+<\/label>/);
    expect(html).toMatch(/<input id="home-q"[^>]* name="q"/);
  });

  it('has the landmarks, language, skip link, title and Open Graph tags', async () => {
    const html = (await get('/')).body;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toMatch(/<a class="skip-link" href="#main">跳到主要内容<\/a>/);
    expect(html).toContain('<header');
    expect(html).toContain('<nav class="main-nav" aria-label="主导航">');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('<footer');
    expect(html).toContain('<title>首页 - 泗阳县政务公开</title>');
    expect(html).toContain('<meta name="viewport"');
    expect(html).toContain('property="og:url" content="http://localhost:3000/"');
    expect(html).toContain('property="og:title"');
    expect(html).toContain('property="og:description"');
    expect(html).toContain('property="og:type" content="website"');
    expect(html).toContain('href="/assets/portal.css"');
    expect(section(html, '<footer', '</footer>')).toContain('主办：泗阳县人民政府办公室');
    expect(section(html, '<footer', '</footer>')).toContain('北京中路16号');
    // No inline script (CSP forbids it); the one external file only adds search suggestions.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/portal.js" defer="">']);
    expect(html).not.toMatch(/<script[^>]*>[^<]/);
  });

  it('never links to a page that does not exist', async () => {
    const html = (await get('/units/321323002-buhu')).body + (await get('/')).body + (await get('/units')).body;
    const internal = [...new Set(linksTo(html).filter((h) => h.startsWith('/') && !h.startsWith('/preferences/')))];
    expect(internal.length).toBeGreaterThan(20);
    for (const href of internal) {
      const res = await get(href.replace(/&amp;/g, '&'));
      expect([200, 301], href).toContain(res.statusCode);
    }
  });
});

describe('unit pages', () => {
  it('城厢街道 lists its 14 communities including 卜湖社区', async () => {
    const res = await get('/units/321323002');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>城厢街道</h1>');
    expect(res.body).toContain('村（居）务公开专栏（14个社区）');
    expect(res.body).toContain('href="/units/321323002-buhu"');
    expect(res.body).toContain('卜湖社区');
    expect(res.body).toContain('321323002'); // 区划代码
    expect(res.body).toContain('意杨大道6号');
    const kids = res.body.slice(res.body.indexOf('id="village-column"'));
    expect((kids.match(/class="village-column"/g) ?? []).length).toBe(14);
  });

  it('卜湖社区 has the breadcrumb 泗阳县 › 城厢街道 › 卜湖社区', async () => {
    const res = await get('/units/321323002-buhu');
    expect(res.statusCode).toBe(200);
    const crumbs = section(res.body, '<nav class="breadcrumbs" aria-label="当前位置">', '</nav>');
    expect(crumbs.replace(/\s+/g, ' ').trim()).toBe('泗阳县 › 城厢街道 › 卜湖社区');
    expect(res.body).toMatch(/<a href="\/">泗阳县<\/a>/);
    expect(res.body).toMatch(/<a href="\/units\/321323002">城厢街道<\/a>/);
    expect(res.body).toContain('aria-current="page">卜湖社区</span>');
    expect(res.body).toContain('<title>卜湖社区 - 泗阳县政务公开</title>');
  });

  it('abolished 众兴镇 shows the history notice and no children list', async () => {
    const res = await get('/units/321323100');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('该单位已于2020-08-07撤销，页面仅供查阅历史');
    expect(res.body).not.toContain('id="kids-');
  });

  it('a demo department carries the 演示数据 tag, a confirmed one does not', async () => {
    expect((await get('/units/dept-czj')).body).toContain('演示数据');
    const mzj = await get('/units/dept-mzj');
    expect(mzj.body).toContain('泗阳县民政局');
    expect(mzj.body).toContain('0527-85212808');
    expect(mzj.body).toContain('县政府部门');
    expect(mzj.body).not.toContain('演示数据');
  });

  it('an unknown code gives a Chinese 404 page', async () => {
    const res = await get('/units/no-such-unit');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('单位不存在');
    expect(res.body).toContain('<html lang="zh-CN"');
    const other = await get('/no/such/page');
    expect(other.statusCode).toBe(404);
    expect(other.body).toContain('页面不存在');
  });

  it('the county code redirects to the home page', async () => {
    const res = await get('/units/321323');
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/');
  });
});

describe('unit search and directory', () => {
  it('q=卜湖 finds 卜湖社区 with its town', async () => {
    const res = await get(`/units?q=${encodeURIComponent('卜湖')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/units/321323002-buhu"');
    expect(res.body).toContain('属于 城厢街道');
    expect(res.body).toContain('找到 1 个');
  });

  it('a query without matches says so politely', async () => {
    const res = await get(`/units?q=${encodeURIComponent('不存在的村')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('没有找到');
  });

  it('without q lists the full directory grouped by town', async () => {
    const res = await get('/units');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="u-321323002"');
    expect(res.body).toContain('href="/units/321323106211"'); // 王三庄村 under 临河镇
    expect(res.body).toContain('id="history"');
  });
});

describe('适老化 (elder) mode', () => {
  it('the switch sets a one-year cookie and redirects back; pages then render class="elder"', async () => {
    const res = await get('/preferences/elder?on=1&back=%2Funits%2F321323002');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/units/321323002');
    const c = res.cookies.find((x) => x.name === 'gk_elder');
    expect(c?.value).toBe('1');
    expect(c?.maxAge).toBe(365 * 24 * 3600);
    expect(String(c?.sameSite).toLowerCase()).toBe('lax');

    const page = await get('/units/321323002', 'gk_elder=1');
    expect(page.body).toContain('<html lang="zh-CN" class="elder"');
    expect(page.body).toContain('标准模式');
    expect(page.headers.vary).toMatch(/cookie/i);
    expect(page.headers['cache-control']).toBe('no-cache');

    const normal = await get('/units/321323002');
    expect(normal.body).not.toContain('class="elder"');
    expect(normal.body).toContain('长辈模式（大字）');
    expect(normal.body).toContain('href="/preferences/elder?on=1&amp;back=%2Funits%2F321323002"');
  });

  it('turning it off clears the cookie', async () => {
    const res = await get('/preferences/elder?on=0&back=/', 'gk_elder=1');
    expect(res.statusCode).toBe(303);
    const c = res.cookies.find((x) => x.name === 'gk_elder');
    expect(c?.value).toBe('');
  });

  it('refuses off-site back targets', async () => {
    for (const back of [
      '//evil.com',
      'http://evil.com',
      'https:evil.com',
      '/\\evil.com',
      '\\\\evil.com',
      'evil.com',
      '/%0d%0aSet-Cookie:x=1'.replace('%0d%0a', '\r\n'),
    ]) {
      const res = await get(`/preferences/elder?on=1&back=${encodeURIComponent(back)}`);
      expect(res.statusCode, back).toBe(303);
      expect(res.headers.location, back).toBe('/');
    }
    expect(safeBackPath('/units?q=%E5%8D%9C')).toBe('/units?q=%E5%8D%9C');
    expect(safeBackPath(undefined)).toBe('/');
  });
});

describe('escaping', () => {
  it('renders a hostile unit name as text', async () => {
    const admin = await makeUser(t.rt, 'county_admin', '321323');
    const s = await loginAs(t.app, admin);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/org-units',
      headers: s.headers(),
      payload: { code: 'xss-test', name: '<script>alert(1)</script>测试', kind: 'community', parentCode: '321323002' },
    });
    expect(created.statusCode, created.body).toBe(201);
    for (const url of ['/units/xss-test', '/units/321323002', `/units?q=${encodeURIComponent('<script>')}`, '/units']) {
      const html = (await get(url)).body;
      expect(html, url).toContain('&lt;script&gt;');
      expect(html, url).not.toContain('<script>alert');
    }
  });
});

describe('robots and sitemap', () => {
  it('robots.txt allows all and points to the sitemap', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('User-agent: *');
    expect(res.body).toContain('Sitemap: http://localhost:3000/sitemap.xml');
  });

  it('sitemap.xml lists the home, directory and every active unit page', async () => {
    const index = await get('/sitemap.xml');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('xml');
    expect(index.body).toContain('<sitemapindex');
    expect(index.body).toContain('<loc>http://localhost:3000/sitemaps/pages.xml</loc>');
    const res = await get('/sitemaps/pages.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('xml');
    expect(res.body).toContain('<loc>http://localhost:3000/</loc>');
    expect(res.body).toContain('<loc>http://localhost:3000/units</loc>');
    expect(res.body).toContain('<loc>http://localhost:3000/units/321323002-buhu</loc>');
    expect(res.body).toContain('<loc>http://localhost:3000/units/dept-mzj</loc>');
    expect(res.body).not.toContain('/units/321323100<'); // abolished
  });
});
