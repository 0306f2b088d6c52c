import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from './actor.js';
import { TemplateBody, TemplateListResponse, TemplateParams, TemplateResponse } from './schemas.js';
import type { ReviewTemplateService } from './templates.js';

/** Decision message templates: every reviewer reads them, admins edit them. */
export const templateRoutes: FastifyPluginAsyncTypebox<{ templates: ReviewTemplateService }> = async (
  app,
  { templates },
) => {
  const security = [{ bearerAuth: [] }];
  const adminOnly = app.requireRole('admin');

  app.get(
    '/templates',
    {
      schema: {
        tags: ['review'],
        operationId: 'listReviewTemplates',
        summary: 'List decision templates',
        description:
          'The messages reviewers start a decision from: a name, the decision, reason codes and the message the customer reads.',
        security,
        response: { 200: TemplateListResponse },
      },
    },
    async () => ({ success: true as const, data: await templates.list() }),
  );

  app.post(
    '/templates',
    {
      onRequest: adminOnly,
      schema: {
        tags: ['review'],
        operationId: 'createReviewTemplate',
        summary: 'Create a decision template',
        description:
          'Admins only. A template to reject or request changes names at least one reason code. Names are unique (409 `template_name_taken`). Audited.',
        security,
        errors: ['validation_failed', 'forbidden', 'template_name_taken'],
        body: TemplateBody,
        response: { 201: TemplateResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ success: true as const, data: await templates.create(actorOf(request), request.body) }),
  );

  app.put(
    '/templates/:templateId',
    {
      onRequest: adminOnly,
      schema: {
        tags: ['review'],
        operationId: 'updateReviewTemplate',
        summary: 'Change a decision template',
        description: 'Admins only. Replaces the template; the same rules as creating one. Audited.',
        security,
        errors: ['validation_failed', 'forbidden', 'not_found', 'template_name_taken'],
        params: TemplateParams,
        body: TemplateBody,
        response: { 200: TemplateResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await templates.update(actorOf(request), request.params.templateId, request.body),
    }),
  );

  app.delete(
    '/templates/:templateId',
    {
      onRequest: adminOnly,
      schema: {
        tags: ['review'],
        operationId: 'deleteReviewTemplate',
        summary: 'Delete a decision template',
        description: 'Admins only. Decisions already made keep their message. Audited.',
        security,
        errors: ['forbidden', 'not_found'],
        params: TemplateParams,
        response: { 204: Type.Null({ description: 'Deleted' }) },
      },
    },
    async (request, reply) => {
      await templates.remove(actorOf(request), request.params.templateId);
      return reply.status(204).send(null);
    },
  );
};
