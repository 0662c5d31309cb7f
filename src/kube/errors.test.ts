import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AlreadyExistsError,
  ConflictError,
  ForbiddenError,
  GoneError,
  InvalidError,
  KubeApiError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  errorFromStatus,
  isAlreadyExists,
  isConflict,
  isGone,
  isNotFound,
  statusFromResponse,
} from './errors.ts';

const ctx = { action: 'applying apps/v1 Deployment ns/web', method: 'PATCH', path: '/apis/apps/v1/namespaces/ns/deployments/web' };

function fromBody(code: number, body: unknown) {
  return errorFromStatus(statusFromResponse(code, typeof body === 'string' ? body : JSON.stringify(body)), ctx);
}

void test('an Invalid Status becomes InvalidError whose message says what we did and what the apiserver said', () => {
  const err = fromBody(422, {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message: 'Deployment.apps "web" is invalid: spec.selector: Required value',
    reason: 'Invalid',
    details: { name: 'web', group: 'apps', kind: 'Deployment', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' }] },
    code: 422,
  });
  assert.ok(err instanceof InvalidError);
  assert.equal(err.message, 'applying apps/v1 Deployment ns/web: Deployment.apps "web" is invalid: spec.selector: Required value');
  assert.deepEqual(err.causes, [{ field: 'spec.selector', reason: 'FieldValueRequired', message: 'Required value' }]);
  assert.equal(err.code, 422);
  assert.equal(err.method, 'PATCH');
  assert.equal(err.path, ctx.path);
});

void test('409 is AlreadyExists or Conflict depending on the reason', () => {
  const exists = fromBody(409, { kind: 'Status', apiVersion: 'v1', reason: 'AlreadyExists', code: 409, message: 'configmaps "a" already exists' });
  const conflict = fromBody(409, { kind: 'Status', apiVersion: 'v1', reason: 'Conflict', code: 409, message: 'Apply failed with 1 conflict' });
  assert.ok(exists instanceof AlreadyExistsError && !(exists instanceof ConflictError));
  assert.ok(conflict instanceof ConflictError);
  assert.ok(isAlreadyExists(exists) && !isConflict(exists));
  assert.ok(isConflict(conflict) && !isAlreadyExists(conflict));
});

void test('each HTTP failure maps to its class', () => {
  const cases: [number, string, new (...a: never[]) => KubeApiError][] = [
    [404, 'NotFound', NotFoundError],
    [403, 'Forbidden', ForbiddenError],
    [401, 'Unauthorized', UnauthorizedError],
    [410, 'Expired', GoneError],
    [429, 'TooManyRequests', TooManyRequestsError],
  ];
  for (const [code, reason, cls] of cases) {
    const err = fromBody(code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code, message: `m${code}` });
    assert.ok(err instanceof cls, `${code} → ${err.constructor.name}`);
    assert.equal(err.reason, reason);
  }
  const internal = fromBody(500, { kind: 'Status', apiVersion: 'v1', reason: 'InternalError', code: 500, message: 'boom' });
  assert.equal(internal.constructor, KubeApiError);
});

void test('a watch ERROR Status with code 410 and reason Gone or Expired is a GoneError', () => {
  for (const reason of ['Gone', 'Expired']) {
    const err = errorFromStatus({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason, message: 'too old resource version: 1 (200)' }, ctx);
    assert.ok(err instanceof GoneError);
    assert.ok(isGone(err));
  }
});

void test('a body that is not a Status keeps its text and gets the reason of its HTTP code', () => {
  const err = fromBody(404, '404 page not found\n');
  assert.ok(isNotFound(err));
  assert.equal(err.reason, 'NotFound');
  assert.equal(err.message, 'applying apps/v1 Deployment ns/web: HTTP 404: 404 page not found');
  const empty = fromBody(503, '');
  assert.equal(empty.message, 'applying apps/v1 Deployment ns/web: HTTP 503 ServiceUnavailable');
});

void test('guards recognise errors by code even across module copies', () => {
  const foreign = new KubeApiError({ kind: 'Status', apiVersion: 'v1', code: 404, reason: 'NotFound' }, ctx);
  assert.ok(isNotFound(foreign));
  assert.ok(!isNotFound(new Error('404')));
});
