/** API types of the audit log, taken type-only from the server's schema (src/platform/audit/audit.schemas.ts). */
import type { AuditEvent } from '../../../../../src/platform/audit/audit.schemas.ts';
import type { AuditVerification } from '../../../../../src/platform/audit/audit-log.ts';

/** One event as GET /api/v1/audit/events answers it; `before`/`after` are each command's own JSON snapshot. */
export type { AuditEvent };
/** GET /api/v1/audit/verify: the hash chain walked whole, and the first event that breaks it, if any. */
export type { AuditVerification };

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.login.alarm': '登录异常告警',
  'disclosure.correction.propose': '提出更正',
  'disclosure.correction.reject': '退回更正',
  'disclosure.correct': '更正生效',
  'files.sweep': '清理未引用的上传文件',
  'files.discard': '删除失败操作留下的上传文件',
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
