import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../db/client.js';
import { AppError, statusTitle } from '../lib/errors.js';
import type { FieldError } from '../lib/errors.js';

interface AjvError {
  instancePath: string;
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
  return errors.map((error) => {
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

function classify(error: FastifyError | AppError | Error): AppError | undefined {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (fastifyError.validation) {
    const errors = ajvToFieldErrors(fastifyError.validation);
    return new AppError(400, 'validation_failed', 'One or more fields are invalid.', { errors });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported_media_type', 'Unsupported Content-Type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return new AppError(413, 'payload_too_large', 'Request body is too large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'invalid_json', 'Request body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(400, 'invalid_json', 'Request body is not valid JSON');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError(415, 'unsupported_media_type', 'Expected multipart/form-data');
  }
  if (fastifyError instanceof SyntaxError || fastifyError.message?.includes('prototype property')) {
    return new AppError(400, 'invalid_json', 'Request body is not valid JSON');
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError(503, 'service_unavailable', 'Service temporarily unavailable', {
      headers: { 'retry-after': '5' },
    });
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return new AppError(status, status === 404 ? 'not_found' : 'bad_request', statusTitle(status));
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
      title: statusTitle(problem.status),
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
    return sendProblem(request, reply, new AppError(500, 'internal_error', 'Internal server error'));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, new AppError(404, 'not_found', 'Route not found')),
  );
}
