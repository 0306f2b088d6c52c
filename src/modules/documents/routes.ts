import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../lib/errors.js';
import { sessionOf } from '../../plugins/auth.js';
import type { DocumentService } from './service.js';

const Params = Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
const Query = Type.Object(
  {
    expires: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
    signature: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const documentRoutes: FastifyPluginAsyncTypebox<{ documents: DocumentService }> = async (
  app,
  { documents },
) => {
  app.get(
    '/:id',
    {
      schema: {
        tags: ['profile'],
        operationId: 'getDocument',
        summary: 'Download a document',
        description:
          'A stored document or selfie: its owner with the bearer token, or anyone holding a signed, expiring link (`expires` and `signature` in the query).',
        security: [{ bearerAuth: [] }, {}],
        params: Params,
        querystring: Query,
        errors: ['forbidden'],
        response: {
          200: {
            description: 'The file, as stored after sanitising',
            content: Object.fromEntries(
              ['application/pdf', 'image/jpeg', 'image/png'].map((type) => [
                type,
                { schema: { type: 'string', contentMediaType: type } },
              ]),
            ),
          },
        },
      },
    },
    async (request, reply) => {
      const { expires, signature } = request.query;
      let access: { userId: string } | { signedLink: true };
      if (expires !== undefined || signature !== undefined) {
        if (!expires || !signature || !documents.verifySignature(request.params.id, expires, signature)) {
          throw new AppError('forbidden', 'The link is invalid or has expired');
        }
        access = { signedLink: true };
      } else {
        await app.authenticate(request, reply);
        access = { userId: sessionOf(request).userId };
      }
      const document = await documents.read(request.params.id, access);
      return reply
        .header('content-type', document.contentType)
        .header('cache-control', 'private, no-store')
        .header(
          'content-disposition',
          `inline; filename="${document.id}.${document.contentType.split('/')[1]}"`,
        )
        .header('x-content-type-options', 'nosniff')
        .send(document.bytes);
    },
  );
};
