/**
 * Authorization matrix: every role at every level of the tree, against every route.
 * 1. Every API route not marked public answers 401 to an anonymous caller, whatever it sends.
 * 2. For the routes that act on units and accounts, each role × unit gets exactly the expected
 *    outcome, and list endpoints never return rows outside the actor's subtree.
 * Later modules add their routes to ROUTE_RULES below; a route missing from both the public list and
 * the rules fails the completeness check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, makeUser, loginAs, type TestApp, type Session } from './helpers/test-app.ts';
import { ROLE_IDS, type Role } from '../src/platform/auth/roles.ts';

const UNITS = { county: '321323', town: '321323002', village: '321323002-buhu', department: 'dept-mzj', otherTown: '321323106' } as const;
type UnitKey = keyof typeof UNITS;
const ACTOR_UNITS: UnitKey[] = ['county', 'town', 'village', 'department'];

/** Routes whose per-role behaviour is asserted in this file (method + url as registered). */
const ROUTE_RULES = new Set([
  'POST /api/v1/org-units',
  'PATCH /api/v1/org-units/:code',
  'POST /api/v1/org-units/:code/abolish',
  'GET /api/v1/users',
  'POST /api/v1/users',
  'GET /api/v1/users/:id',
  'POST /api/v1/users/:id/roles',
  'DELETE /api/v1/users/:id/roles/:assignmentId',
  'POST /api/v1/users/:id/disable',
  'POST /api/v1/users/:id/enable',
  'POST /api/v1/users/:id/reset-password',
  'GET /api/v1/audit/verify',
  'GET /api/v1/audit/events',
  // Self-service routes: any logged-in actor, acting only on itself (tested in auth.routes.test.ts).
  'POST /api/v1/auth/logout',
  'GET /api/v1/me',
  'POST /api/v1/me/password',
  'POST /api/v1/tokens',
  'GET /api/v1/tokens',
  'DELETE /api/v1/tokens/:id',
  // Reminders (src/modules/notifications; behaviour in notifications.routes.test.ts, roles below):
  // own inbox, preferences and to-do list for any logged-in actor, acting only on itself…
  'GET /api/v1/notifications',
  'GET /api/v1/notifications/unread-count',
  'POST /api/v1/notifications/:id/read',
  'POST /api/v1/notifications/read-all',
  'GET /api/v1/notifications/preferences',
  'PUT /api/v1/notifications/preferences',
  'GET /api/v1/reminders',
  // …and the county office's settings, SMTP server and delivery log (county admin over the county unit only).
  'GET /api/v1/notifications/settings',
  'PUT /api/v1/notifications/settings',
  'PUT /api/v1/notifications/smtp',
  'POST /api/v1/notifications/smtp/test',
  'GET /api/v1/notifications/emails',
  'POST /api/v1/notifications/emails/:id/retry',
  // Backup (src/modules/backup; behaviour in backup.job.test.ts, roles below): the county office only.
  'GET /api/v1/backup',
  'PUT /api/v1/backup/settings',
  'POST /api/v1/backup/run',
  // Re-scan of published records for personal data (county admin over the county unit only; behaviour in
  // src/modules/publishing/pii-rescan.test.ts, roles below).
  'GET /api/v1/publishing/pii-rescan',
  'POST /api/v1/publishing/pii-rescan',
  // Policy documents (src/modules/policies; behaviour in policies.routes.test.ts, roles below): staff read the
  // settings and their own interpretation compliance; the county office changes the settings; drafting is the
  // unit's officer's; validity changes the reviewer's; links are staff of the linked record's unit.
  'GET /api/v1/policies/settings',
  'PUT /api/v1/policies/settings',
  'GET /api/v1/policies/interpretation-compliance',
  'POST /api/v1/policies',
  'POST /api/v1/policies/:id/register',
  'POST /api/v1/policies/:id/validity',
  'PATCH /api/v1/policies/:id/metadata',
  'POST /api/v1/policies/:id/interpretations',
  'POST /api/v1/policy-responses',
  'GET /api/v1/policies/linkable',
  'PUT /api/v1/units/:code/policy-prefixes',
  'GET /api/v1/policies/import-template.xlsx',
  'POST /api/v1/units/:code/policy-import',
  // Offline channels (src/modules/offline; behaviour in offline.test.ts, roles below): staff of a unit print its
  // letters, 明白纸 and 广播稿 and see its places; drafters, reviewers and the county office write them.
  'GET /api/v1/offline/letters.pdf',
  'GET /api/v1/offline/leaflets',
  'PUT /api/v1/offline/leaflets/:id',
  'GET /api/v1/offline/leaflets/:id/print.pdf',
  'GET /api/v1/offline/broadcasts/:id',
  'PUT /api/v1/offline/broadcasts/:id',
  'GET /api/v1/offline/broadcasts/:id/print.pdf',
  'GET /api/v1/offline/service-points',
  'PUT /api/v1/offline/service-points/:id',
  'POST /api/v1/offline/service-points/:id/retire',
  'POST /api/v1/offline/service-points/:id/photo',
]);

/** Rules contributed by other modules' matrix tests (they import and extend this set). */
// The catalog module proves role and scope behaviour in src/modules/catalog/catalog.routes.test.ts;
// the publishing module in src/modules/publishing/disclosure.routes.test.ts; outbound webhooks in
// src/modules/publishing/feeds/webhooks.test.ts (plus the role check at the end of this file); 依申请公开 in
// src/modules/requests/request.routes.test.ts (roles, self-review and subtree scope), its letters in
// src/modules/requests/letters/letter.routes.test.ts, the annual report and 复议/诉讼 records in
// src/modules/requests/annual-report/report.routes.test.ts; compliance in src/modules/compliance/compliance.routes.test.ts;
// assessment, rectification and the rollout tracker in src/modules/assessment/assessment.routes.test.ts; 政民互动 (every
// /api/v1/interaction/ route: roles, capacities and subtree scope) in src/modules/interaction/interaction.routes.test.ts;
// participation (公众参与) in src/modules/participation/*.routes.test.ts plus the role × unit checks at the end of this file; the archive,
// reading point, archive room and notice boards in src/modules/archives/*.test.ts (plus the archivist check at the end of this file).
export const EXTERNAL_RULE_PREFIXES = [
  '/api/v1/calendar/',
  '/api/v1/catalog/',
  '/api/v1/units/',
  '/api/v1/disclosures',
  '/api/v1/publishing/',
  '/api/v1/webhooks',
  '/api/v1/search/',
  '/api/v1/info-requests',
  '/api/v1/annual-reports',
  '/api/v1/info-request-remedies',
  '/api/v1/compliance/',
  '/api/v1/assessments',
  '/api/v1/rectifications',
  '/api/v1/rollout',
  '/api/v1/interaction/',
  '/api/v1/participation/',
  '/api/v1/archives',
];

describe('authorization matrix', () => {
  let t: TestApp;
  const sessions = new Map<string, Session>();
  const userIds = new Map<string, string>();
  const key = (role: Role, unit: UnitKey) => `${role}@${unit}`;

  beforeAll(async () => {
    t = await openTestApp();
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        const username = `${role.replace(/_/g, '')}.${unit}`;
        await makeUser(t.rt, role, UNITS[unit], username);
        const s = await loginAs(t.app, username);
        sessions.set(key(role, unit), s);
        userIds.set(key(role, unit), (await t.app.inject({ url: '/api/v1/me', headers: s.headers() })).json().user.id);
      }
    }
    // A clerk in another town, to prove a town admin cannot see or touch it.
    await makeUser(t.rt, 'village_clerk', '321323106211', 'clerk.wangsanzhuang');
  }, 120_000);
  afterAll(() => t?.close());

  it('denies every non-public API route to anonymous callers, before reading their input', async () => {
    const routes = t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1/') && !r.public);
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      const url = r.url.replace(/:code/g, UNITS.town).replace(/:[a-zA-Z]+/g, '00000000-0000-0000-0000-000000000000');
      const res = await t.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('has a rule for every non-public route', () => {
    const missing = t.app.registeredRoutes
      .filter((r) => r.url.startsWith('/api/v1/') && !r.public)
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !ROUTE_RULES.has(k) && !EXTERNAL_RULE_PREFIXES.some((p) => k.split(' ')[1].startsWith(p)));
    expect(missing).toEqual([]);
  });

  /** county_admin whose unit covers the target may act; everybody else may not. */
  function expectManage(role: Role, actorUnit: UnitKey, target: UnitKey): 'allowed' | 'denied' {
    if (role !== 'county_admin') return 'denied';
    const covers: Record<UnitKey, UnitKey[]> = {
      county: ['county', 'town', 'village', 'department', 'otherTown'],
      town: ['town', 'village'],
      village: ['village'],
      department: ['department'],
      otherTown: ['otherTown'],
    };
    return covers[actorUnit].includes(target) ? 'allowed' : 'denied';
  }

  it('creating a unit: only a county admin covering the parent', async () => {
    let n = 0;
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        n += 1;
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/org-units',
          headers: sessions.get(key(role, unit))!.headers(),
          payload: { code: `m-${n}`, name: `矩阵村${n}`, kind: 'village', parentCode: UNITS.town },
        });
        const expected = expectManage(role, unit, 'town') === 'allowed' ? 201 : 403;
        expect(res.statusCode, key(role, unit)).toBe(expected);
      }
    }
  });

  it('editing a unit: allowed inside scope, invisible (404) outside, forbidden to other roles', async () => {
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        const res = await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/org-units/${UNITS.village}`,
          headers: sessions.get(key(role, unit))!.headers(),
          payload: { officeHours: `${role}-${unit}` },
        });
        const e = expectManage(role, unit, 'village');
        expect(res.statusCode, key(role, unit)).toBe(role !== 'county_admin' ? 403 : e === 'allowed' ? 200 : 404);
      }
    }
    const abolish = await t.app.inject({
      method: 'POST',
      url: `/api/v1/org-units/${UNITS.otherTown}/abolish`,
      headers: sessions.get(key('county_admin', 'town'))!.headers(),
      payload: { abolishedOn: '2026-01-01', reason: 'x' },
    });
    expect(abolish.statusCode).toBe(404);
  });

  it('user administration is limited to county admins and to users inside their subtree', async () => {
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        const s = sessions.get(key(role, unit))!;
        const list = await t.app.inject({ url: '/api/v1/users?limit=500', headers: s.headers() });
        if (role !== 'county_admin') {
          expect(list.statusCode, key(role, unit)).toBe(403);
          continue;
        }
        const names: string[] = list.json().items.map((u: { username: string }) => u.username);
        const visibleUnits = ACTOR_UNITS.filter((u) => expectManage(role, unit, u) === 'allowed');
        for (const r2 of ROLE_IDS) {
          for (const u2 of ACTOR_UNITS) {
            expect(names.includes(`${r2.replace(/_/g, '')}.${u2}`), `${key(role, unit)} sees ${key(r2, u2)}`).toBe(visibleUnits.includes(u2));
          }
        }
        expect(names.includes('clerk.wangsanzhuang')).toBe(unit === 'county');
      }
    }
    // Reading, changing and resetting a user outside the subtree is indistinguishable from "no such user".
    const townAdmin = sessions.get(key('county_admin', 'town'))!;
    const outsider = userIds.get(key('village_clerk', 'department'))!;
    for (const [method, url] of [
      ['GET', `/api/v1/users/${outsider}`],
      ['POST', `/api/v1/users/${outsider}/disable`],
      ['POST', `/api/v1/users/${outsider}/enable`],
      ['POST', `/api/v1/users/${outsider}/reset-password`],
    ] as const) {
      expect((await t.app.inject({ method, url, headers: townAdmin.headers() })).statusCode, url).toBe(404);
    }
    const grant = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${outsider}/roles`,
      headers: townAdmin.headers(),
      payload: { role: 'archivist', unitCode: UNITS.town },
    });
    expect(grant.statusCode).toBe(404);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: townAdmin.headers(),
      payload: { username: 'x.other', displayName: '越权', roles: [{ role: 'village_clerk', unitCode: '321323106211' }] },
    });
    expect(create.statusCode).toBe(403);
    const inside = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: townAdmin.headers(),
      payload: { username: 'x.inside', displayName: '本街道', roles: [{ role: 'village_clerk', unitCode: UNITS.village }] },
    });
    expect(inside.statusCode).toBe(201);
    const insideId = inside.json().user.id;
    const assignmentId = inside.json().user.roles[0].id;
    const otherRole = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${insideId}/roles/${assignmentId}`,
      headers: sessions.get(key('county_admin', 'department'))!.headers(),
    });
    expect(otherRole.statusCode).toBe(404);
    const own = await t.app.inject({ method: 'DELETE', url: `/api/v1/users/${insideId}/roles/${assignmentId}`, headers: townAdmin.headers() });
    expect(own.statusCode).toBe(200);
  });

  it('the audit log is for county admins, each seeing only events of its subtree', async () => {
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        const s = sessions.get(key(role, unit))!;
        const events = await t.app.inject({ url: '/api/v1/audit/events?limit=500', headers: s.headers() });
        const verify = await t.app.inject({ url: '/api/v1/audit/verify', headers: s.headers() });
        if (role !== 'county_admin') {
          expect([events.statusCode, verify.statusCode], key(role, unit)).toEqual([403, 403]);
          continue;
        }
        expect(events.statusCode).toBe(200);
        const units: (string | null)[] = events.json().items.map((e: { unitCode: string | null }) => e.unitCode);
        if (unit === 'county') expect(units).toContain('321323106211');
        else {
          const allowed = new Set(
            (await t.rt.ctx.db.selectFrom('org_units').select(['code', 'path']).execute())
              .filter((u) => u.path.includes(`/${UNITS[unit]}/`))
              .map((u) => u.code),
          );
          expect(
            units.every((c) => c !== null && allowed.has(c)),
            key(role, unit),
          ).toBe(true);
        }
      }
    }
  });

  it('webhooks are for county admins only, each seeing the endpoints of its subtree', async () => {
    const admin = sessions.get(key('county_admin', 'town'))!;
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.headers(),
      payload: { name: '矩阵推送', url: 'https://example.org/hook', events: ['disclosure.published'], unitScope: UNITS.village },
    });
    expect(made.statusCode).toBe(201);
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        const res = await t.app.inject({ url: '/api/v1/webhooks', headers: sessions.get(key(role, unit))!.headers() });
        if (role !== 'county_admin') {
          expect(res.statusCode, key(role, unit)).toBe(403);
          continue;
        }
        expect(res.statusCode, key(role, unit)).toBe(200);
        const sees = res.json().items.some((w: { name: string }) => w.name === '矩阵推送');
        expect(sees, key(role, unit)).toBe(expectManage(role, unit, 'village') === 'allowed');
      }
    }
  });

  it('the personal-data re-scan of published records: only a county admin over the county reads or runs it', async () => {
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        const s = sessions.get(key(role, unit))!;
        const office = role === 'county_admin' && unit === 'county';
        for (const method of ['GET', 'POST'] as const) {
          const res = await t.app.inject({ method, url: '/api/v1/publishing/pii-rescan', headers: s.headers() });
          expect(res.statusCode, `${key(role, unit)} ${method}`).toBe(office ? 200 : 403);
        }
      }
    }
  });

  it('reminders: everyone has an inbox and a to-do list; only a county admin over the county changes reminder and mail settings', async () => {
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        const s = sessions.get(key(role, unit))!;
        expect((await t.app.inject({ url: '/api/v1/notifications', headers: s.headers() })).statusCode, key(role, unit)).toBe(200);
        expect((await t.app.inject({ url: '/api/v1/notifications/preferences', headers: s.headers() })).statusCode, key(role, unit)).toBe(200);
        const office = role === 'county_admin' && unit === 'county';
        for (const [method, url] of [
          ['GET', '/api/v1/notifications/settings'],
          ['GET', '/api/v1/notifications/emails'],
          ['POST', '/api/v1/notifications/emails/00000000-0000-0000-0000-000000000000/retry'],
        ] as const) {
          const res = await t.app.inject({ method, url, headers: s.headers() });
          expect(res.statusCode, `${key(role, unit)} ${method} ${url}`).toBe(office ? (method === 'POST' ? 404 : 200) : 403);
        }
      }
    }
  });

  it("policy documents: settings by the county office, drafting by the unit's officer, others 403 inside scope and 404 outside", async () => {
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        const s = sessions.get(key(role, unit))!;
        expect((await t.app.inject({ url: '/api/v1/policies/settings', headers: s.headers() })).statusCode, key(role, unit)).toBe(200);
        expect((await t.app.inject({ url: '/api/v1/policies/interpretation-compliance', headers: s.headers() })).statusCode, key(role, unit)).toBe(200);
        const office = role === 'county_admin' && unit === 'county';
        // An invalid body (a marked category not in the list): the office gets 400, everyone else 403.
        const put = await t.app.inject({
          method: 'PUT',
          url: '/api/v1/policies/settings',
          headers: s.headers(),
          payload: { categories: ['a'], topics: ['b'], genres: ['c'], interpretation: { categories: ['x'], workingDays: 3 } },
        });
        expect(put.statusCode, `${key(role, unit)} PUT settings`).toBe(office ? 400 : 403);
        // Drafting for 民政局 with a 文号 whose 代字 is not registered: a drafter covering it reaches the check (400).
        const covers = unit === 'county' || unit === 'department';
        const post = await t.app.inject({
          method: 'POST',
          url: '/api/v1/policies',
          headers: s.headers(),
          payload: {
            unitCode: UNITS.department,
            title: 't',
            formedOn: '2026-01-05',
            body: '<p>x</p>',
            docNo: '未登记〔2026〕1号',
            writtenOn: '2026-01-05',
            category: '部门文件',
            topic: '其他',
            genre: '通知',
          },
        });
        expect(post.statusCode, `${key(role, unit)} POST policy`).toBe(!covers ? 404 : role === 'unit_officer' ? 400 : 403);
        const validity = await t.app.inject({
          method: 'POST',
          url: '/api/v1/policies/00000000-0000-0000-0000-000000000000/validity',
          headers: s.headers(),
          payload: { to: 'expired', effectiveOn: '2026-01-05' },
        });
        expect(validity.statusCode, `${key(role, unit)} validity`).toBe(404);
        const edit = await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/policies/00000000-0000-0000-0000-000000000000/metadata',
          headers: s.headers(),
          payload: { genre: '通知', reason: '更正体裁' },
        });
        expect(edit.statusCode, `${key(role, unit)} metadata`).toBe(404);
        // The unit's published records to link as 解读/回应: its officer, reviewer or the county admin over it; else 404.
        const linkable = await t.app.inject({ url: `/api/v1/policies/linkable?unit=${UNITS.department}`, headers: s.headers() });
        const staff = covers && ['unit_officer', 'unit_reviewer', 'county_admin'].includes(role);
        expect(linkable.statusCode, `${key(role, unit)} linkable`).toBe(staff ? 200 : 404);
      }
    }
  });

  it('offline channels: places are registered by drafters, reviewers and the county office covering the unit; others 403 inside scope, 404 outside', async () => {
    const writers = ['unit_officer', 'unit_reviewer', 'village_clerk', 'county_admin'];
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        const s = sessions.get(key(role, unit))!;
        const covers = unit === 'county' || unit === 'town' || unit === 'village';
        // An invalid body (no services): a writer covering 卜湖社区 reaches validation (400).
        const post = await t.app.inject({
          method: 'POST',
          url: `/api/v1/units/${UNITS.village}/service-points`,
          headers: s.headers(),
          payload: { kind: 'zone', name: 'n', place: 'p', hours: 'h', services: [] },
        });
        expect(post.statusCode, `${key(role, unit)} POST service point`).toBe(!covers ? 404 : writers.includes(role) ? 400 : 403);
        const letter = await t.app.inject({ url: `/api/v1/offline/letters.pdf?unit=${UNITS.village}&sources=`, headers: s.headers() });
        expect(letter.statusCode, `${key(role, unit)} letter`).toBe(covers ? 400 : 404);
        expect((await t.app.inject({ url: '/api/v1/offline/service-points', headers: s.headers() })).statusCode, key(role, unit)).toBe(200);
        expect((await t.app.inject({ url: '/api/v1/offline/leaflets', headers: s.headers() })).statusCode, key(role, unit)).toBe(200);
      }
    }
  });

  it('backup settings and 立即备份: only a county admin over the county', async () => {
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        const s = sessions.get(key(role, unit))!;
        const office = role === 'county_admin' && unit === 'county';
        const get = await t.app.inject({ url: '/api/v1/backup', headers: s.headers() });
        expect(get.statusCode, `${key(role, unit)} GET`).toBe(office ? 200 : 403);
        // An invalid body: the county office gets 400 (validated), everyone else 403 before anything is read.
        const put = await t.app.inject({
          method: 'PUT',
          url: '/api/v1/backup/settings',
          headers: s.headers(),
          payload: { enabled: true, directory: 'relative', keep: 3, hour: 2 },
        });
        expect(put.statusCode, `${key(role, unit)} PUT`).toBe(office ? 400 : 403);
        if (!office)
          expect((await t.app.inject({ method: 'POST', url: '/api/v1/backup/run', headers: s.headers() })).statusCode, `${key(role, unit)} POST`).toBe(403);
      }
    }
  });
  it('participation: staff of the unit or above create consultations, catalogue items, meetings and surveys; others 404 outside, 403 by role; lists stay in scope', async () => {
    const staff: Role[] = ['unit_officer', 'unit_reviewer', 'county_admin'];
    const covers: Record<UnitKey, UnitKey[]> = {
      county: ['county', 'town', 'village', 'department'],
      town: ['town', 'village'],
      village: ['village'],
      department: ['department'],
      otherTown: [],
    };
    let n = 0;
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        const s = sessions.get(key(role, unit))!;
        n += 1;
        const c = await t.app.inject({
          method: 'POST',
          url: '/api/v1/participation/consultations',
          headers: s.headers(),
          payload: {
            unitCode: UNITS.department,
            title: `矩阵征求意见${n}`,
            draftText: '第一条 测试。',
            explanation: '说明',
            howToComment: '网上留言',
            startOn: '2027-01-04',
            endOn: '2027-02-10',
          },
        });
        const expected = !covers[unit].includes('department') ? 404 : staff.includes(role) ? 201 : 403;
        expect(c.statusCode, `consultation ${key(role, unit)}`).toBe(expected);
        const item = await t.app.inject({
          method: 'POST',
          url: '/api/v1/participation/items',
          headers: s.headers(),
          payload: { unitCode: UNITS.department, name: `矩阵事项${n}`, reason: '测试', methods: ['hearing'], plannedOn: '2027-01-04' },
        });
        expect(item.statusCode, `participation item ${key(role, unit)}`).toBe(expected);
        const ev = await t.app.inject({
          method: 'POST',
          url: '/api/v1/participation/events',
          headers: s.headers(),
          payload: {
            unitCode: UNITS.department,
            kind: 'symposium',
            title: `矩阵座谈会${n}`,
            description: '测试',
            place: '会议室',
            heldOn: '2027-01-04',
            heldTime: '09:00',
          },
        });
        expect(ev.statusCode, `participation event ${key(role, unit)}`).toBe(expected);
        const v = await t.app.inject({
          method: 'POST',
          url: '/api/v1/participation/decisions',
          headers: s.headers(),
          payload: { unitCode: UNITS.village, matter: 'other', title: `矩阵决策${n}`, proposedBy: '村委会', proposedOn: '2026-01-05', proposal: '测试' },
        });
        const vExpected = !covers[unit].includes('village') ? 404 : ['village_clerk', 'unit_officer', 'county_admin'].includes(role) ? 201 : 403;
        expect(v.statusCode, `decision ${key(role, unit)}`).toBe(vExpected);
      }
    }
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        const s = sessions.get(key(role, unit))!;
        const list = await t.app.inject({ url: '/api/v1/participation/decisions', headers: s.headers() });
        expect(list.statusCode).toBe(200);
        const sees = list.json().items.length > 0;
        expect(sees, `decisions list ${key(role, unit)}`).toBe(covers[unit].includes('village'));
        const cl = await t.app.inject({ url: '/api/v1/participation/consultations', headers: s.headers() });
        expect(cl.json().items.length > 0, `consultation list ${key(role, unit)}`).toBe(covers[unit].includes('department'));
        const items = await t.app.inject({ url: '/api/v1/participation/items', headers: s.headers() });
        expect(items.json().items.length > 0, `item list ${key(role, unit)}`).toBe(covers[unit].includes('department'));
      }
    }
  });

  it('the archive: the archivist files and registers within its subtree; other staff see it (403 to act), outsiders get 404', async () => {
    const covers: Record<UnitKey, boolean> = { county: true, town: true, village: true, department: false, otherTown: false };
    for (const role of ROLE_IDS) {
      for (const unit of ACTOR_UNITS) {
        const s = sessions.get(key(role, unit))!;
        const body = {
          unitCode: UNITS.village,
          classCode: '02',
          year: 2025,
          title: `矩阵登记 ${role}.${unit}`,
          recordType: '会议记录',
          formedOn: '2025-06-01',
          paperLocation: '档案柜1号',
        };
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/archives/items/records', headers: s.headers(), payload: body });
        const expected = !covers[unit] ? 404 : role === 'archivist' ? 200 : 403;
        expect(res.statusCode, `${key(role, unit)} register`).toBe(expected);
        const list = await t.app.inject({ url: `/api/v1/archives/items?unitCode=${UNITS.village}`, headers: s.headers() });
        expect(list.statusCode, `${key(role, unit)} list`).toBe(covers[unit] ? 200 : 404);
        // The county's class table: the county office or an archivist at the county (permission is checked before the body).
        const cls = await t.app.inject({
          method: 'PUT',
          url: '/api/v1/archives/schedule/classes/02',
          headers: s.headers(),
          payload: { name: '', retention: 'permanent', basis: 'x', itemKeys: [], sortOrder: 20, active: true },
        });
        expect(cls.statusCode, `${key(role, unit)} schedule`).toBe(unit === 'county' && (role === 'archivist' || role === 'county_admin') ? 400 : 403);
      }
    }
    // Whatever was registered got distinct 档号 in one volume.
    const all = await t.app.inject({
      url: `/api/v1/archives/items?unitCode=${UNITS.village}&year=2025&classCode=02`,
      headers: sessions.get(key('archivist', 'county'))!.headers(),
    });
    const codes = all.json().items.map((i: { archivalCode: string }) => i.archivalCode);
    expect(codes).toHaveLength(3);
    expect(new Set(codes).size).toBe(3);
  });
});
