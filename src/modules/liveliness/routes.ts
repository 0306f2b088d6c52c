import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.js';
import { sessionOf } from '../../plugins/auth.js';
import { CAPTURE_FIELDS, parseCaptureFields } from './capture-fields.js';
import type { CaptureField } from './capture-fields.js';
import type { IpvService } from './ipv-service.js';
import { IpvChallengeResponse, LivelinessResponse, SelfieUpload } from './schemas.js';
import { MAX_SELFIE_BYTES, multipartRequired } from './service.js';
import type { LivelinessService } from './service.js';

/** Reads a file part to its end without keeping it, so the multipart stream can finish. */
async function discard(stream: AsyncIterable<unknown>) {
  for await (const chunk of stream) void chunk;
}

const isCaptureField = (name: string): name is CaptureField =>
  (CAPTURE_FIELDS as readonly string[]).includes(name);

const duplicate = (field: string) =>
  new AppError('validation_failed', `Send ${field} once`, {
    errors: [{ field: `/${field}`, code: 'duplicate_field', message: 'must be sent once' }],
  });

/**
 * The one file in the field `image`, and the capture fields. The part's own content type is the client's claim;
 * the magic bytes decide later. Two files are let through the parser so that a second `image` gets a 400
 * naming it, not a bare 413.
 */
async function readSelfie(
  request: FastifyRequest,
): Promise<{ image: Buffer | undefined; fields: Partial<Record<CaptureField, string>> }> {
  let image: Buffer | undefined;
  const fields: Partial<Record<CaptureField, string>> = {};
  try {
    for await (const part of request.parts({
      limits: {
        fileSize: MAX_SELFIE_BYTES,
        files: 2,
        fields: CAPTURE_FIELDS.length + 1,
        fieldSize: 200,
        parts: CAPTURE_FIELDS.length + 3,
      },
    })) {
      if (part.type === 'field' && isCaptureField(part.fieldname)) {
        if (fields[part.fieldname] !== undefined) throw duplicate(part.fieldname);
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.type !== 'file' || part.fieldname !== 'image') {
        if (part.type === 'file') await discard(part.file);
        throw new AppError('validation_failed', 'Only "image" and the capture fields are accepted', {
          errors: [
            { field: `/${part.fieldname}`, code: 'unknown_field', message: 'is not an allowed field' },
          ],
        });
      }
      if (image) {
        await discard(part.file);
        throw new AppError('validation_failed', 'Send one image only', {
          errors: [{ field: '/image', code: 'duplicate_field', message: 'must be sent once' }],
        });
      }
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new AppError('payload_too_large', 'The image is larger than 10 MB');
      image = bytes;
    }
  } catch (error) {
    // The parser's own limits carry FST_ codes (413s); busboy's complaints about a broken body carry none.
    if (error instanceof AppError || (error as { code?: string }).code?.startsWith('FST_')) throw error;
    throw new AppError('validation_failed', 'The multipart body is malformed', {
      errors: [{ field: '/image', code: 'malformed_multipart', message: 'could not be read from the body' }],
      cause: error,
    });
  }
  return { image, fields };
}

export const livelinessRoutes: FastifyPluginAsyncTypebox<{ liveliness: LivelinessService }> = async (
  app,
  { liveliness },
) => {
  app.post(
    '/liveliness_check',
    {
      onRequest: app.requireRole('customer'),
      schema: {
        tags: ['liveliness'],
        operationId: 'checkLiveliness',
        summary: 'Check a selfie',
        description:
          'Check a selfie for liveliness (multipart field `image`, JPEG or PNG, 10 MB at most). Needs `kyc_verification` consent. Send `Idempotency-Key` to make retries safe: the first answer is replayed.\n\n' +
          'In-person verification: also send the `challengeId` of `POST /v1/ipv/challenge` (whose instruction the customer followed), the capture point (`latitude`, `longitude`, `accuracy` in metres) and `capturedAt`. All are optional, so v1 clients keep working, but a case whose selfie lacks them, or whose point is outside India, goes to review (`ipv_challenge_invalid`, `ipv_location_missing`, `ipv_location_outside_india`).',
        security: [{ bearerAuth: [] }],
        consumes: ['multipart/form-data'],
        multipartBody: SelfieUpload,
        errors: [
          'forbidden',
          'consent_required',
          'rate_limited',
          'request_in_progress',
          'idempotency_key_mismatch',
          'provider_error',
          'provider_unavailable',
        ],
        response: { 200: LivelinessResponse },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError('unsupported_media_type', 'Expected multipart/form-data');
      }
      const { image, fields } = await readSelfie(request);
      if (!image) throw multipartRequired();
      const capture = parseCaptureFields(fields);
      const idempotencyKey = request.headers['idempotency-key'];
      const userAgent = request.headers['user-agent'];
      const result = await liveliness.check(sessionOf(request).userId, {
        bytes: image,
        evidence: { ...capture, clientIp: request.ip, userAgent },
        ...(typeof idempotencyKey === 'string' ? { idempotencyKey } : {}),
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return result.body;
    },
  );
};

export const ipvRoutes: FastifyPluginAsyncTypebox<{ ipv: IpvService }> = async (app, { ipv }) => {
  app.post(
    '/challenge',
    {
      onRequest: app.requireRole('customer'),
      schema: {
        tags: ['liveliness'],
        operationId: 'createIpvChallenge',
        summary: 'Get a selfie challenge',
        description:
          'A random action for the customer to perform in the next selfie (in-person verification), from a closed list of instruction codes the client shows in its own words. Single-use, valid for 5 minutes: send its `challengeId` with `POST /v1/image/liveliness_check`. At most 30 an hour, or three per selfie LIVELINESS_DAILY_LIMIT allows in a day if that is more.',
        security: [{ bearerAuth: [] }],
        errors: ['forbidden', 'rate_limited'],
        response: { 201: IpvChallengeResponse },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return { success: true as const, data: await ipv.issueChallenge(sessionOf(request).userId) };
    },
  );
};
