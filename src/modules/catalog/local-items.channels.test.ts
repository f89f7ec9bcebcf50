import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, makeUser, loginAs, type TestApp } from '../../../test/helpers/test-app.ts';

// Regression: channels may be sent as structured JSON or as the printed text; with AJV's
// coerceTypes 'array' the array form was turned into a string inside the anyOf and refused.
describe('local items accept channels as JSON or as text', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  const base = {
    domainCode: 'v-cwu',
    level1: '财务公开',
    elements: ['本村自定公开内容'],
    bases: ['本村村规民约'],
    timeRule: '信息形成或者变更之日起20个工作日内',
    subject: '村民委员会',
    audience: 'public',
    mode: 'proactive',
    levels: ['village'],
  };

  it('accepts both forms and stores the same structure', async () => {
    const s = await loginAs(t.app, await makeUser(t.rt, 'village_clerk', '321323002-buhu'));
    const asJson = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units/321323002-buhu/local-items',
      headers: s.headers(),
      payload: {
        ...base,
        level2: '甲',
        channels: [
          { channel: '政府网站', required: true },
          { channel: '公开查阅点', required: false },
        ],
      },
    });
    const asText = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units/321323002-buhu/local-items',
      headers: s.headers(),
      payload: { ...base, level2: '乙', channels: '■政府网站 □公开查阅点' },
    });
    expect([asJson.statusCode, asText.statusCode], asJson.body + asText.body).toEqual([201, 201]);
    expect(asJson.json().channels).toEqual(asText.json().channels);
    expect(asJson.json().channels).toEqual([
      { channel: '政府网站', required: true },
      { channel: '公开查阅点', required: false },
    ]);
  });
});
