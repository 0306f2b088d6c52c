import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { ERROR_CODES } from '../lib/errors.js';
import type { ErrorCode } from '../lib/errors.js';
import { webhookDocumentation } from '../modules/webhooks/schemas.js';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * Error codes this operation answers besides those every operation of its kind can give (validation,
     * authentication, rate limits, outages): documented as its problem+json responses.
     */
    errors?: ErrorCode[];
    /** A multipart/form-data body's fields, for the documentation only: the handler reads the parts itself. */
    multipartBody?: object;
    /** The body may be left out (the route's preValidation makes it `{}`): documented as not required. */
    optionalBody?: boolean;
  }
}

const TAGS = [
  { name: 'auth', description: 'Accounts and sessions' },
  { name: 'user', description: 'The signed-in user' },
  { name: 'profile', description: 'The KYC profile (the v1 contract) and its documents' },
  { name: 'consents', description: 'Purpose-bound consent records' },
  { name: 'privacy', description: 'The customer’s DPDP rights: export and erasure' },
  { name: 'liveliness', description: 'Selfie liveliness check' },
  { name: 'digilocker', description: 'The Aadhaar from DigiLocker, with the customer’s consent' },
  { name: 'banks', description: 'Bank branch lookup by IFSC, for the bank details form' },
  { name: 'secure-share', description: 'Prefilling the profile from Cashfree Secure-Share (1-Click)' },
  { name: 'kyc', description: 'Submitting and following a KYC case' },
  { name: 'review', description: 'Reviewers and admins deciding cases' },
  { name: 'admin', description: 'Admins: API keys and outbound webhooks' },
  { name: 'integration', description: 'The host application’s back end, with API keys' },
  { name: 'kyc-links', description: 'The customer arriving through a host application’s KYC link' },
  { name: 'webhooks', description: 'Inbound provider webhooks' },
  { name: 'health', description: 'Probes for orchestrators' },
  { name: 'development', description: 'Development aids, absent in production' },
];

const SUCCESS_DESCRIPTIONS: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
  302: 'Redirect',
};

/** RFC 9457 problem details, as every error is answered. */
const Problem = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details; `success` and `message` keep clients of the v1 contract working.',
  required: ['type', 'title', 'status', 'code', 'detail', 'success', 'message'],
  properties: {
    type: { type: 'string', examples: ['urn:pehchan:problem:validation_failed'] },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: {
      type: 'string',
      enum: Object.keys(ERROR_CODES),
      description: 'Stable; the status follows from it.',
    },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      description: 'For 400 validation_failed and some 413/415 answers: each field at fault.',
      items: {
        type: 'object',
        required: ['field', 'code', 'message'],
        properties: {
          field: { type: 'string', description: 'JSON pointer, e.g. /bankDetails/1/ifscCode' },
          code: { type: 'string', examples: ['required', 'unknown_field', 'invalid_base64'] },
          message: { type: 'string' },
        },
      },
    },
    requestId: { type: 'string' },
    success: { type: 'boolean', const: false },
    message: { type: 'string' },
  },
} as const;

/** Fastify reads a body on these (on DELETE when one is sent); GET and HEAD bodies are never read. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The error codes an operation can answer, from what it takes and who may call it, plus its own. */
function errorCodesOf(url: string, method: string, schema: FastifySchema): ErrorCode[] {
  const codes = new Set<ErrorCode>(['internal_error']);
  if (url.startsWith('/v1/')) codes.add('rate_limited').add('service_unavailable');
  if (schema.body || schema.querystring || schema.params) codes.add('validation_failed');
  // A body is read before the handler whether the operation takes one or not: sent too large, of another
  // type or as broken JSON, it is refused.
  if (schema.body || BODY_METHODS.has(method))
    codes.add('payload_too_large').add('unsupported_media_type').add('invalid_json');
  if (schema.params) codes.add('not_found');
  const security = (schema.security ?? []) as Array<Record<string, unknown>>;
  if (security.some((scheme) => 'bearerAuth' in scheme)) codes.add('invalid_token').add('token_expired');
  if (security.some((scheme) => 'apiKeyAuth' in scheme)) codes.add('invalid_token').add('forbidden');
  // Staff routes also refuse a session that did not begin with the second factor where the role requires one.
  if (url.startsWith('/v1/review') || url.startsWith('/v1/admin')) codes.add('forbidden').add('mfa_required');
  for (const code of schema.errors ?? []) codes.add(code);
  return [...codes];
}

/**
 * Documentation only: success responses get a description, each error status its problem+json answer, and a
 * multipart body its fields.
 */
function documentOperation(url: string, method: string, routeSchema: FastifySchema): FastifySchema {
  const { multipartBody, optionalBody, ...rest } = routeSchema;
  const schema: FastifySchema = multipartBody ? { ...rest, body: multipartBody } : rest;
  // @fastify/swagger marks every body required and copies `x-` keys to the operation, where the document's
  // transform reads this one.
  if (optionalBody) Object.assign(schema, { [OPTIONAL_BODY]: true });
  const response: Record<string, unknown> = {};
  for (const [status, body] of Object.entries((schema.response ?? {}) as Record<string, object>)) {
    const described =
      'description' in body ? body : { ...body, description: SUCCESS_DESCRIPTIONS[status] ?? 'OK' };
    response[status] = described;
  }
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(url, method, schema)) {
    const { status } = ERROR_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    response[status] = {
      description: codes.map((code) => `\`${code}\`: ${ERROR_CODES[code].title}`).join('; '),
      content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
    };
  }
  return { ...schema, response };
}

const OPTIONAL_BODY = 'x-optional-body';

/** Operations marked `optionalBody` get `requestBody.required: false`. */
function markOptionalBodies(document: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  for (const pathItem of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(pathItem ?? {})) {
      if (typeof operation !== 'object' || operation === null || !(OPTIONAL_BODY in operation)) continue;
      delete (operation as Record<string, unknown>)[OPTIONAL_BODY];
      const body = (operation as OpenAPIV3_1.OperationObject).requestBody;
      if (body && 'content' in body) body.required = false;
    }
  }
  return document;
}

/** OpenAPI 3.1 generated from the route schemas: JSON at /openapi.json, a browsable page at /docs. */
export async function registerDocs(app: FastifyInstance, version: string) {
  app.addSchema(Problem);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pehchan',
        version,
        description:
          'KYC onboarding for Indian fintech. Errors are RFC 9457 problem+json with a stable `code`. ' +
          'Clients of the v1 contract also get `success: false` and `message`.',
        contact: { name: 'Pehchan maintainers', url: 'https://github.com/pehchan/pehchan' },
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: '/', description: 'The Pehchan server this description was fetched from' }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKeyAuth: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
      tags: TAGS,
      // TypeBox schemas are JSON Schema; openapi-types' SchemaObject is a narrower description of the same.
      webhooks: webhookDocumentation() as unknown as Record<string, OpenAPIV3_1.PathItemObject>,
    },
    // Shared schemas keep their own names in components.schemas.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => String(json.$id ?? `def-${index}`),
    },
    transform: ({ schema, url, route }) => ({
      schema: schema ? documentOperation(url, String(route.method), schema) : schema,
      url,
    }),
    transformObject: (documents) =>
      'openapiObject' in documents
        ? markOptionalBodies(documents.openapiObject as OpenAPIV3_1.Document)
        : documents.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
