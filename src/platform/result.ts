/**
 * Expected failures are values, not exceptions: a command returns `fail(...)` with an HTTP status,
 * a stable machine code and a polite Chinese message; routes turn it into a 4xx response.
 */
export interface Failure {
  ok: false;
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;
  code: string;
  message: string;
  details?: unknown;
}
export interface Success<T> {
  ok: true;
  value: T;
}
export type Result<T> = Success<T> | Failure;

export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function fail(status: Failure['status'], code: string, message: string, details?: unknown): Failure {
  return { ok: false, status, code, message, details };
}

/** Thrown only to carry a Failure out of a transaction (so it rolls back) or a route. */
export class FailureError extends Error {
  constructor(public readonly failure: Failure) {
    super(`${failure.code}: ${failure.message}`);
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new FailureError(result);
  return result.value;
}
