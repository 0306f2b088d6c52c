import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../lib/errors.js';
import { sessionOf } from '../../plugins/auth.js';
import { LivelinessResponse } from './schemas.js';
import { MAX_SELFIE_BYTES, multipartRequired } from './service.js';
import type { LivelinessService } from './service.js';

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
        summary: 'Check a selfie for liveliness (multipart field `image`, JPEG or PNG, 10 MB at most)',
        description:
          'Needs `kyc_verification` consent. Send `Idempotency-Key` to make retries safe: the first answer is replayed.',
        security: [{ bearerAuth: [] }],
        consumes: ['multipart/form-data'],
        response: { 200: LivelinessResponse },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError(415, 'unsupported_media_type', 'Expected multipart/form-data');
      }
      // The part's own content type is the client's claim; the magic bytes decide.
      let image: Buffer | undefined;
      for await (const part of request.parts({
        limits: { fileSize: MAX_SELFIE_BYTES, files: 1, fields: 5, parts: 6 },
      })) {
        if (part.type !== 'file' || part.fieldname !== 'image') {
          if (part.type === 'file') await part.toBuffer();
          throw new AppError(400, 'validation_failed', 'Only the field "image" is accepted', {
            errors: [
              { field: `/${part.fieldname}`, code: 'unknown_field', message: 'is not an allowed field' },
            ],
          });
        }
        const bytes = await part.toBuffer();
        if (part.file.truncated)
          throw new AppError(413, 'payload_too_large', 'The image is larger than 10 MB');
        image = bytes;
      }
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
