import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FailureError, type Failure } from '../result.ts';

/** The one error body every API client sees. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId: string };
}

interface AjvIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
  keyword?: string;
}

const PART_LABEL: Record<string, string> = { body: '请求内容', querystring: '查询参数', params: '路径参数', headers: '请求头' };

function fieldOf(issue: AjvIssue): string {
  const missing = issue.params?.missingProperty ?? issue.params?.requiredProperties;
  const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  if (missing) return [path, String(missing)].filter(Boolean).join('.');
  return path;
}

/** Chinese wording of the common schema failures, naming the field. */
function describeIssue(issue: AjvIssue): string {
  const field = fieldOf(issue) || '（整体）';
  switch (issue.keyword) {
    case 'required':
      return `缺少必填项 ${field}`;
    case 'type':
      return `${field} 的类型不正确（应为 ${String(issue.params?.type ?? '')}）`;
    case 'format':
    case 'pattern':
      return `${field} 的格式不正确`;
    case 'minLength':
      return `${field} 不能为空或过短`;
    case 'maxLength':
      return `${field} 过长`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${field} 超出允许范围`;
    case 'enum':
    case 'const':
    case 'anyOf':
      return `${field} 不是允许的取值`;
    case 'additionalProperties':
      return `不支持的字段 ${String(issue.params?.additionalProperty ?? '')}`;
    default:
      return `${field} 不合法`;
  }
}

export function sendFailure(reply: FastifyReply, request: FastifyRequest, failure: Failure): FastifyReply {
  const body: ErrorBody = { error: { code: failure.code, message: failure.message, requestId: request.id } };
  if (failure.details !== undefined) body.error.details = failure.details;
  return reply.status(failure.status).send(body);
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof FailureError) return sendFailure(reply, request, error.failure);
  if (error.validation) {
    const issues = error.validation as AjvIssue[];
    const part = PART_LABEL[error.validationContext ?? ''] ?? '请求';
    const details = issues.map((i) => ({ field: fieldOf(i), problem: i.message ?? i.keyword ?? 'invalid' }));
    return sendFailure(reply, request, {
      ok: false,
      status: 400,
      code: 'VALIDATION_FAILED',
      message: `${part}有误：${issues.map(describeIssue).join('；')}`,
      details,
    });
  }
  const status = error.statusCode ?? 500;
  if (status === 429) {
    return sendFailure(reply, request, { ok: false, status: 429, code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' });
  }
  if (status === 413) {
    return sendFailure(reply, request, { ok: false, status: 413, code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' });
  }
  if (status === 415) {
    return sendFailure(reply, request, { ok: false, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' });
  }
  if (status >= 400 && status < 500) {
    const code = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'INVALID_JSON' : 'BAD_REQUEST';
    const message = code === 'INVALID_JSON' ? '请求内容不是有效的 JSON' : '请求无法处理，请检查后重试';
    return reply.status(status).send({ error: { code, message, requestId: request.id, details: error.message } } satisfies ErrorBody);
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({
    error: { code: 'INTERNAL', message: '服务器内部错误，请稍后再试；如持续出现请联系管理员并提供请求编号', requestId: request.id },
  } satisfies ErrorBody);
}
