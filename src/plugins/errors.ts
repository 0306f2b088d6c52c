import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../db/client.js';
import { AppError, codeForStatus, ERROR_CODES } from '../lib/errors.js';
import type { FieldError } from '../lib/errors.js';

interface AjvError {
  instancePath: string;
  schemaPath?: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
/** A request key shaped like a PAN is echoed masked, as a PAN is everywhere outside its owner's profile. */
const PAN_SHAPED = /^[A-Za-z]{5}[0-9]{4}[A-Za-z]$/;
const echoedKey = (key: string) => (PAN_SHAPED.test(key) ? `XXXXX${key.slice(5, 9)}X` : key);

/** Turns Ajv's errors into JSON pointers that name the offending field itself. */
export function ajvToFieldErrors(errors: AjvError[]): FieldError[] {
  return collapseUnions(errors).map((error) => {
    let field = error.instancePath || '';
    let code = error.keyword;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
      field += `/${echoedKey(String(error.params.additionalProperty))}`;
      code = 'unknown_field';
      message = 'is not an allowed field';
    } else if (error.keyword === 'required') {
      field += `/${String(error.params.missingProperty)}`;
      code = 'required';
      message = 'is required';
    }
    return { field: field || '/', code, message };
  });
}

/**
 * A value outside a union of literals (TypeBox's enums) makes Ajv report one failed `const` per literal and then
 * the `anyOf`: those become one `enum` error that lists the allowed values. Unions of types (a string or null)
 * become one `type` error naming them. Unions of objects keep their branches' errors, which point further in.
 */
function collapseUnions(errors: AjvError[]): AjvError[] {
  const replaced = new Map<AjvError, AjvError>();
  const dropped = new Set<AjvError>();
  unions: for (const union of errors) {
    if (union.keyword !== 'anyOf' || !union.schemaPath) continue;
    const branchPrefix = `${union.schemaPath}/`;
    const branches = errors.filter(
      (error) => error.instancePath === union.instancePath && error.schemaPath?.startsWith(branchPrefix),
    );
    const values: unknown[] = [];
    const types: string[] = [];
    for (const branch of branches) {
      if (branch.keyword === 'const') values.push(branch.params.allowedValue);
      else if (branch.keyword === 'enum') values.push(...(branch.params.allowedValues as unknown[]));
      else if (branch.keyword === 'type') types.push(String(branch.params.type));
      else continue unions;
    }
    if (branches.length === 0) continue;
    for (const branch of branches) dropped.add(branch);
    const allowed = [
      ...values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))),
      ...types,
    ];
    replaced.set(
      union,
      values.length > 0
        ? { ...union, keyword: 'enum', message: `must be one of ${allowed.join(', ')}`, params: { allowed } }
        : { ...union, keyword: 'type', message: `must be ${types.join(' or ')}`, params: { types } },
    );
  }
  return errors.filter((error) => !dropped.has(error)).map((error) => replaced.get(error) ?? error);
}

function classify(error: FastifyError | AppError | Error): AppError | undefined {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (fastifyError.validation) {
    const errors = ajvToFieldErrors(fastifyError.validation);
    return new AppError('validation_failed', 'One or more fields are invalid.', { errors });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Unsupported Content-Type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return new AppError('payload_too_large', 'Request body is too large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json', 'Request body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('invalid_json', 'Request body is not valid JSON');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', 'Expected multipart/form-data');
  }
  if (fastifyError instanceof SyntaxError || fastifyError.message?.includes('prototype property')) {
    return new AppError('invalid_json', 'Request body is not valid JSON');
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError('service_unavailable', 'Service temporarily unavailable', {
      headers: { 'retry-after': '5' },
    });
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    const code = codeForStatus(status);
    return new AppError(code, ERROR_CODES[code].title);
  }
  return undefined;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: AppError) {
  if (problem.headers) reply.headers(problem.headers);
  if (problem.status === 401) reply.header('www-authenticate', `Bearer error="invalid_token"`);
  return reply
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({
      type: `urn:pehchan:problem:${problem.code}`,
      title: problem.title,
      status: problem.status,
      code: problem.code,
      detail: problem.message,
      ...(problem.errors ? { errors: problem.errors } : {}),
      requestId: request.id,
      success: false,
      message: problem.message,
    });
}

/**
 * One error handler for the whole service: every non-2xx is RFC 9457 problem+json with a stable
 * `code`, plus `success: false` and `message` for clients of the v1 contract. 5xx answers carry
 * nothing from the underlying error.
 */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const problem = classify(error);
    if (problem) {
      if (problem.status >= 500) request.log.warn({ err: error, code: problem.code }, 'request failed');
      return sendProblem(request, reply, problem);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, new AppError('internal_error', 'Internal server error'));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, new AppError('not_found', 'Route not found')),
  );
}
