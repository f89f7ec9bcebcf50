import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig: PostgreSQL pool size per process (GONGKAI_PG_POOL)', () => {
  it('defaults to 10 connections and takes a whole number from 1 to 200', () => {
    expect(loadConfig({}).pgPoolSize).toBe(10);
    expect(loadConfig({ GONGKAI_PG_POOL: '4' }).pgPoolSize).toBe(4);
    expect(loadConfig({ GONGKAI_PG_POOL: '200' }).pgPoolSize).toBe(200);
  });

  it('refuses a value that is not a whole number in range, naming the variable', () => {
    for (const bad of ['0', '201', 'ten', '2.5', '-1']) {
      expect(() => loadConfig({ GONGKAI_PG_POOL: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ GONGKAI_PG_POOL: bad })).toThrow(/GONGKAI_PG_POOL/);
    }
  });
});
