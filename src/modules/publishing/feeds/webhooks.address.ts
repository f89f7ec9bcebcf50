/**
 * Where a webhook may point. http/https only; no credentials in the URL; no private, link-local or
 * otherwise internal addresses (a county admin must not be able to make the server call its own
 * network). Loopback is allowed only when the configuration says so (`webhookAllowLoopback`).
 * The check runs on the URL when an endpoint is saved AND on every resolved address when a delivery
 * connects (custom `lookup`), so a host name that later resolves inwards is still refused.
 */
import dns from 'node:dns';
import net from 'node:net';
import type { LookupFunction } from 'node:net';
import { fail, ok, type Result } from '../../../platform/result.ts';

export type AddressClass = 'public' | 'loopback' | 'private';

function v4Class(ip: string): AddressClass {
  const [a, b] = ip.split('.').map(Number);
  if (a === 127) return 'loopback';
  if (a === 0 || a === 10 || a >= 224) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private'; // carrier-grade NAT
  if (a === 169 && b === 254) return 'private'; // link-local (cloud metadata)
  if (a === 172 && b >= 16 && b <= 31) return 'private';
  if (a === 192 && b === 168) return 'private';
  if (a === 192 && b === 0) return 'private';
  if (a === 198 && (b === 18 || b === 19)) return 'private';
  return 'public';
}

export function classifyAddress(ip: string): AddressClass {
  const kind = net.isIP(ip);
  if (kind === 4) return v4Class(ip);
  if (kind === 6) {
    const lower = ip.toLowerCase();
    if (lower === '::1') return 'loopback';
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped) return v4Class(mapped[1]);
    if (lower === '::' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || /^ff/.test(lower)) return 'private';
    return 'public';
  }
  return 'private';
}

export function addressAllowed(ip: string, allowLoopback: boolean): boolean {
  const c = classifyAddress(ip);
  return c === 'public' || (c === 'loopback' && allowLoopback);
}

/** Validates a receiver URL as typed by an admin (Chinese 400s). */
export function checkWebhookUrl(raw: string, allowLoopback: boolean): Result<string> {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(400, 'INVALID_URL', '接收地址不是有效的网址（应以 http:// 或 https:// 开头）');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(400, 'INVALID_URL', '接收地址只能使用 http 或 https');
  if (url.username || url.password) return fail(400, 'INVALID_URL', '接收地址中不能包含用户名或密码，请改用签名密钥验证');
  if (text.length > 2000) return fail(400, 'INVALID_URL', '接收地址过长');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const isLocalName = host === 'localhost' || host.endsWith('.localhost');
  if (isLocalName || net.isIP(host)) {
    const cls = isLocalName ? 'loopback' : classifyAddress(host);
    if (cls === 'loopback' && !allowLoopback) return fail(400, 'URL_NOT_ALLOWED', '接收地址不能指向本机（回环地址）');
    if (cls === 'private') return fail(400, 'URL_NOT_ALLOWED', '接收地址不能指向内网或保留地址');
  }
  return ok(url.toString());
}

/** A `lookup` for http.request that refuses internal addresses at connect time. */
export function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => !addressAllowed(a.address, allowLoopback));
      if (bad || list.length === 0) {
        const e = Object.assign(new Error(`address not allowed: ${hostname}`), { code: 'EADDRNOTALLOWED' });
        return callback(e, '', 0);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  };
}
