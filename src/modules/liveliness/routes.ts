import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.js';
import { sessionOf } from '../../plugins/auth.js';
import { LivelinessResponse, SelfieUpload } from './schemas.js';
import { MAX_SELFIE_BYTES, multipartRequired } from './service.js';
import type { LivelinessService } from './service.js';

/** Reads a file part to its end without keeping it, so the multipart stream can finish. */
async function discard(stream: AsyncIterable<unknown>) {
  for await (const chunk of stream) void chunk;
}

/**
 * The one file in the field `image`. The part's own content type is the client's claim; the magic bytes decide
 * later. Two files are let through the parser so that a second `image` gets a 400 naming it, not a bare 413.
 */
async function readSelfie(request: FastifyRequest): Promise<Buffer | undefined> {
  let image: Buffer | undefined;
  try {
    for await (const part of request.parts({
      limits: { fileSize: MAX_SELFIE_BYTES, files: 2, fields: 5, parts: 6 },
    })) {
      if (part.type !== 'file' || part.fieldname !== 'image') {
        if (part.type === 'file') await discard(part.file);
        throw new AppError('validation_failed', 'Only the field "image" is accepted', {
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
  return image;
}

export const livelinessRoutes: FastifyPluginAsyncTypebox<{ liveliness: LivelinessService }> = async (
  app,
  { liveliness },
) => {
  app.post(
    '/liveliness_check',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['liveliness'],
        operationId: 'checkLiveliness',
        summary: 'Check a selfie',
        description:
          'Check a selfie for liveliness (multipart field `image`, JPEG or PNG, 10 MB at most). Needs `kyc_verification` consent. Send `Idempotency-Key` to make retries safe: the first answer is replayed.',
        security: [{ bearerAuth: [] }],
        consumes: ['multipart/form-data'],
        multipartBody: SelfieUpload,
        errors: ['consent_required', 'rate_limited', 'request_in_progress', 'idempotency_key_mismatch'],
        response: { 200: LivelinessResponse },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError('unsupported_media_type', 'Expected multipart/form-data');
      }
      const image = await readSelfie(request);
      if (!image) throw multipartRequired();
      const idempotencyKey = request.headers['idempotency-key'];
      const result = await liveliness.check(sessionOf(request).userId, {
        bytes: image,
        ...(typeof idempotencyKey === 'string' ? { idempotencyKey } : {}),
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return result.body;
    },
  );
};
