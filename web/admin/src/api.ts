/** Small fetch wrapper for the Gongkai JSON API (same origin, cookie session + CSRF header). */

export interface RoleGrant {
  id?: string;
  role: string;
  roleLabel: string;
  unitCode: string;
  unitName: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  roles: RoleGrant[];
}

export interface Contact {
  address: string | null;
  postalCode: string | null;
  phone: string | null;
  email: string | null;
  officeHours: string | null;
}

export interface OrgUnit {
  code: string;
  divisionCode: string | null;
  name: string;
  kind: string;
  parentCode: string | null;
  depth: number;
  active: boolean;
  abolishedOn: string | null;
  establishedOn: string | null;
  isDemo: boolean;
  contact: Contact;
  source: string | null;
  note: string | null;
  childCount?: number;
}

export interface Page<T> {
  total: number;
  items: T[];
}

export interface CalendarYear {
  year: number;
  status: 'official' | 'missing';
  sourceNotice: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  holidayCount: number;
  adjustedWorkdayCount: number;
}

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'adjusted_workday';
  name: string;
}

export interface AuditEvent {
  seq: number;
  occurredAt: string;
  actorUsername: string | null;
  unitCode: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
}

/** Unit kinds with their Chinese labels (mirrors src/modules/org/org.kinds.ts). */
export const UNIT_KIND_LABELS: Record<string, string> = {
  county: '县（区）',
  department: '县政府部门',
  street: '街道',
  town: '镇',
  township: '乡',
  farm_park: '场/园区（乡镇级）',
  community: '社区',
  village: '行政村',
};

/** Which child kinds may be added under a unit of the given kind. */
export const CHILD_KINDS: Record<string, string[]> = {
  county: ['department', 'street', 'town', 'township', 'farm_park'],
  street: ['community', 'village'],
  town: ['community', 'village'],
  township: ['community', 'village'],
  farm_park: ['community', 'village'],
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on any 401 so the app can return to the login page. */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    if (res.status === 401 && !opts.quiet401 && onUnauthorized) onUnauthorized();
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? `请求失败（${res.status}）`, err?.details);
  }
  return data as T;
}

/** multipart/form-data upload (file fields) with the CSRF header; errors as for api(). */
export async function upload<T>(path: string, form: FormData): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: form });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    if (res.status === 401 && onUnauthorized) onUnauthorized();
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? `请求失败（${res.status}）`, err?.details);
  }
  return data as T;
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body ?? {});
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, body ?? {});
export const del = <T>(path: string) => api<T>('DELETE', path);

/** Calendar endpoints may not exist on an older server: say so plainly. */
export function calendarError(err: unknown): string {
  if (err instanceof ApiError && err.status === 404 && err.code === 'NOT_FOUND') return '工作日历功能尚未启用（服务器没有提供日历接口），请联系系统管理员。';
  return errorText(err);
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.login.alarm': '登录异常告警',
  'disclosure.correction.propose': '提出更正',
  'disclosure.correction.reject': '退回更正',
  'disclosure.correct': '更正生效',
  'files.sweep': '清理未引用的上传文件',
  'org.unit.create': '新增单位',
  'org.unit.update': '修改单位',
  'org.unit.abolish': '撤销单位',
  'token.create': '创建访问令牌',
  'token.revoke': '撤销访问令牌',
  'user.create': '新增用户',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.password.change': '修改密码',
  'user.password.reset': '重置密码',
  'user.role.assign': '分配角色',
  'user.role.remove': '移除角色',
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = { user: '用户', org_unit: '单位', api_token: '访问令牌', calendar_year: '工作日历' };

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return '操作失败，请稍后重试';
}

export function isAdmin(user: User | null): boolean {
  return !!user?.roles.some((r) => r.role === 'county_admin');
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
