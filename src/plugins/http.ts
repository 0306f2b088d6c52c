import cors from '@fastify/cors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LogController } from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import type { HelmetOptions } from 'helmet';
import type { Config } from '../config.js';
import { AppError, ERROR_CODES } from '../lib/errors.js';
import { registerQueryNumbers } from './query-numbers.js';
import type { ErrorCode } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { sendProblem } from './errors.js';
import { addStrictFormats } from './formats.js';
import { serializeLoggedError } from './log-errors.js';
import { prettyLogStream, wantsColour } from './log-format.js';

/** Node's errors for requests that never became one, answered as problem+json. */
const CLIENT_ERRORS: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'headers_too_large',
  ERR_HTTP_REQUEST_TIMEOUT: 'request_timeout',
};

/** Router errors, raised before a route is found. */
const FRAMEWORK_ERRORS: Record<string, [ErrorCode, string]> = {
  FST_ERR_BAD_URL: ['bad_request', 'The URL is malformed'],
  FST_ERR_MAX_PARAM_LENGTH: ['uri_too_long', 'A path segment is too long'],
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_JSON_DEPTH = 32;

/** Paths pino replaces with "[redacted]" wherever they appear in a log line. */
export const LOG_REDACTIONS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-client-secret"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.confirmedPassword',
  '*.passwordHash',
  '*.token',
  '*.refreshToken',
  '*.secret',
  '*.clientSecret',
  '*.panNumber',
  '*.bankAccountNumber',
  '*.aadhaar',
  '*.aadhaarNumber',
  '*.dateOfBirth',
];

/** `false` silences logging (tests); a stream receives the lines (JSON or pretty, as LOG_FORMAT says) instead of stdout. */
export type LoggerOption = false | { stream: NodeJS.WritableStream } | undefined;

/** Where log lines go: stdout or the given stream, through the readable formatter when LOG_FORMAT=pretty. */
function logDestination(config: Config, logger: LoggerOption): NodeJS.WritableStream | undefined {
  const destination = logger ? logger.stream : undefined;
  if (config.logFormat === 'json') return destination;
  const target = destination ?? process.stdout;
  return prettyLogStream(target, wantsColour(target));
}

/** One line per request, when it is answered, carrying what Fastify splits over two ("incoming", "completed"). */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

export function serverOptions(config: Config, logger: LoggerOption): FastifyServerOptions {
  const stream = logger === false ? undefined : logDestination(config, logger);
  return {
    // Redaction and serializers apply wherever the lines go.
    logger:
      logger === false
        ? false
        : ({
            level: config.logLevel,
            ...(stream ? { stream } : {}),
            redact: { paths: LOG_REDACTIONS, censor: '[redacted]' },
            serializers: {
              err: serializeLoggedError,
              // Query strings can carry signed-URL tokens; log the path only.
              req: (request: { method: string; url: string; ip: string }) => ({
                method: request.method,
                url: request.url.split('?')[0],
                ip: request.ip,
              }),
            },
          } as FastifyServerOptions['logger']),
    logController: new OneLinePerRequest(),
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : uuidv7();
    },
    trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'],
    bodyLimit: config.bodyLimitBytes,
    // Slow clients are cut: whole request within 30 s, idle connections after 72 s.
    connectionTimeout: 60_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 72_000,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    // Errors Node raises before a request exists (oversized headers, timeouts, garbage) still get problem+json.
    clientErrorHandler: (error, socket) => {
      const code = CLIENT_ERRORS[(error as { code?: string }).code ?? ''] ?? 'bad_request';
      if (!socket.writable) return socket.destroy();
      const { status, title } = ERROR_CODES[code];
      const body = JSON.stringify({
        type: `urn:pehchan:problem:${code}`,
        title,
        status,
        code,
        success: false,
        message: title,
      });
      socket.end(
        `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    // Errors the router raises before any hook runs: problem+json like every other answer.
    frameworkErrors: (error, request, reply) => {
      const [code, message] = FRAMEWORK_ERRORS[error.code] ?? ['bad_request', 'Bad request'];
      return sendProblem(request, reply, new AppError(code, message));
    },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ajv: {
      // Fastify's defaults silently drop unknown fields and coerce types; both hide client bugs.
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: true },
      // After ajv-formats, whose uuid, date and date-time let through values the database refuses.
      onCreate: addStrictFormats,
    },
  };
}

/** Depth of nested arrays/objects, counted without parsing, so a deep body is refused cheaply. */
function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 34 /* " */) index = endOfString(text, index);
    else if (char === 123 || char === 91) {
      if (++depth > limit) return true;
    } else if (char === 125 || char === 93) depth--;
  }
  return false;
}

/**
 * Where the string opened at `start` closes (the text's length if it does not). Jumps from quote to quote with
 * `indexOf`, so a multi-megabyte base64 document costs a native scan, not a character-by-character loop.
 */
function endOfString(text: string, start: number): number {
  let quote = start;
  for (;;) {
    quote = text.indexOf('"', quote + 1);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92 /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
}

/**
 * helmet's security headers, worked out once: they depend on nothing in the request, and
 * @fastify/helmet would run helmet's whole set-up (CSP parsing included) on every request.
 */
function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

export async function registerHttp(app: FastifyInstance, config: Config) {
  registerQueryNumbers(app);
  app.server.headersTimeout = 15_000;

  const defaultJsonParser = app.getDefaultJsonParser('error', 'error');
  // Fastify parses text/plain by default; no route takes it, so it gets the same 415 as any other type.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      return done(new AppError('invalid_json', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`));
    }
    defaultJsonParser(request, text, (error, value) => {
      if (error) return done(new AppError('invalid_json', 'Request body is not valid JSON'));
      done(null, value);
    });
  });

  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The API docs page (swagger-ui) needs inline styles and its own scripts.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    // Compressed bodies are refused rather than inflated: the body limit could not bound what they inflate to.
    // GET and HEAD bodies are never read, so the header means nothing there.
    const encoding = request.headers['content-encoding'];
    const readsBody = request.method !== 'GET' && request.method !== 'HEAD';
    if (readsBody && encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      return done(
        new AppError('unsupported_media_type', 'Compressed request bodies are not accepted', {
          errors: [
            {
              field: '/',
              code: 'unsupported_content_encoding',
              message: `Content-Encoding ${encoding.slice(0, 40)} is not accepted; send the body uncompressed`,
            },
          ],
          headers: { 'accept-encoding': 'identity' },
        }),
      );
    }
    done();
  });

  await app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: false,
    exposedHeaders: ['x-request-id', 'etag', 'retry-after'],
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/v1/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
}
