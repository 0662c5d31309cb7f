// Typed failures of the Kubernetes API. Callers branch on the class (or the is* guards, which also work
// across module copies because they look at `reason`/`code`), and the message always says what we were
// doing and what the apiserver answered, because that message ends up in a Flux condition.
import type { Status } from './types.ts';

/** What the client was doing when the apiserver refused: shown first in the message. */
export interface RequestContext {
  /** e.g. `applying apps/v1 Deployment ns/web` or `GET /version` */
  action: string;
  method: string;
  path: string;
}

export class KubeApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly status: Status;
  readonly method: string;
  readonly path: string;

  constructor(status: Status, context: RequestContext) {
    super(`${context.action}: ${status.message ?? status.reason ?? `HTTP ${status.code}`}`);
    this.name = new.target.name;
    this.status = status;
    this.code = status.code ?? 0;
    this.reason = status.reason ?? '';
    this.method = context.method;
    this.path = context.path;
  }

  /** Seconds the apiserver asked us to wait before retrying, when it said so. */
  get retryAfterSeconds(): number | undefined {
    return this.status.details?.retryAfterSeconds;
  }
}

export class NotFoundError extends KubeApiError {}
export class AlreadyExistsError extends KubeApiError {}
/** A resourceVersion precondition failed, or server-side apply found fields owned by another manager. */
export class ConflictError extends KubeApiError {}
export class ForbiddenError extends KubeApiError {}
export class UnauthorizedError extends KubeApiError {}
/** The requested resourceVersion is too old (410): the caller must relist. */
export class GoneError extends KubeApiError {}
export class TooManyRequestsError extends KubeApiError {}

export interface FieldCause {
  field: string;
  /** e.g. FieldValueRequired, FieldValueInvalid, FieldValueNotSupported */
  reason: string;
  message: string;
}

export class InvalidError extends KubeApiError {
  /** The per-field validation failures the apiserver listed (e.g. `spec.selector: Required value`). */
  get causes(): FieldCause[] {
    return (this.status.details?.causes ?? []).map((c) => ({
      field: c.field ?? '',
      reason: c.reason ?? c.type ?? '',
      message: c.message ?? '',
    }));
  }
}

/** Reasons the apiserver uses when the body is not a Status (e.g. a proxy's plain-text 404). */
const reasonForCode: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/**
 * Turns a failed response into a metav1.Status. The apiserver sends a Status as JSON for almost every
 * failure; anything else (an HTML page from a proxy, "404 page not found") is wrapped so the text is kept.
 */
export function statusFromResponse(httpCode: number, body: string): Status {
  try {
    const parsed = JSON.parse(body) as Partial<Status>;
    if (parsed && parsed.kind === 'Status') return { ...parsed, code: parsed.code || httpCode } as Status;
  } catch {
    // not JSON: fall through and keep the text
  }
  const text = body.trim();
  return {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    code: httpCode,
    reason: reasonForCode[httpCode] ?? 'Unknown',
    message: text ? `HTTP ${httpCode}: ${text.slice(0, 500)}` : `HTTP ${httpCode} ${reasonForCode[httpCode] ?? ''}`.trim(),
  };
}

/** Picks the error class from the Status: reason first (409 means two things), then the HTTP code. */
export function errorFromStatus(status: Status, context: RequestContext): KubeApiError {
  switch (status.reason) {
    case 'AlreadyExists':
      return new AlreadyExistsError(status, context);
    case 'Conflict':
      return new ConflictError(status, context);
    case 'Expired':
    case 'Gone':
      return new GoneError(status, context);
  }
  switch (status.code) {
    case 401:
      return new UnauthorizedError(status, context);
    case 403:
      return new ForbiddenError(status, context);
    case 404:
      return new NotFoundError(status, context);
    case 409:
      return new ConflictError(status, context);
    case 410:
      return new GoneError(status, context);
    case 422:
      return new InvalidError(status, context);
    case 429:
      return new TooManyRequestsError(status, context);
  }
  return new KubeApiError(status, context);
}

function hasCode(e: unknown, code: number): e is KubeApiError {
  return e instanceof KubeApiError && e.code === code;
}

export const isNotFound = (e: unknown): e is NotFoundError => e instanceof NotFoundError || hasCode(e, 404);
export const isAlreadyExists = (e: unknown): e is AlreadyExistsError =>
  e instanceof AlreadyExistsError || (hasCode(e, 409) && e.reason === 'AlreadyExists');
export const isConflict = (e: unknown): e is ConflictError =>
  e instanceof ConflictError || (hasCode(e, 409) && e.reason !== 'AlreadyExists');
export const isInvalid = (e: unknown): e is InvalidError => e instanceof InvalidError || hasCode(e, 422);
export const isForbidden = (e: unknown): e is ForbiddenError => e instanceof ForbiddenError || hasCode(e, 403);
export const isUnauthorized = (e: unknown): e is UnauthorizedError => e instanceof UnauthorizedError || hasCode(e, 401);
export const isGone = (e: unknown): e is GoneError => e instanceof GoneError || hasCode(e, 410);
export const isTooManyRequests = (e: unknown): e is TooManyRequestsError =>
  e instanceof TooManyRequestsError || hasCode(e, 429);

/** A kind that discovery does not know, even after refreshing (a missing CRD, a typo in apiVersion). */
export class UnknownKindError extends Error {
  readonly apiVersion: string;
  readonly kind: string;
  constructor(apiVersion: string, kind: string, server: string) {
    super(`no kind "${kind}" is registered for version "${apiVersion}" on ${server} (is its CRD installed?)`);
    this.name = 'UnknownKindError';
    this.apiVersion = apiVersion;
    this.kind = kind;
  }
}

/** The client was closed: its pending and later requests fail with this instead of hanging or crashing. */
export class ClientClosedError extends Error {
  constructor(action: string, server: string) {
    super(`${action}: the Kubernetes client for ${server} was closed`);
    this.name = 'ClientClosedError';
  }
}

export const isClientClosed = (e: unknown): e is ClientClosedError =>
  e instanceof ClientClosedError || (e as Error | undefined)?.name === 'ClientClosedError';
