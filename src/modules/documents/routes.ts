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
        summary: 'Download a document: its owner with the bearer token, or anyone with a signed link',
        params: Params,
        querystring: Query,
      },
    },
    async (request, reply) => {
      const { expires, signature } = request.query;
      let access: { userId: string } | { signedLink: true };
      if (expires !== undefined || signature !== undefined) {
        if (!expires || !signature || !documents.verifySignature(request.params.id, expires, signature)) {
          throw new AppError(403, 'forbidden', 'The link is invalid or has expired');
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
