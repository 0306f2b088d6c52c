import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CaseIdParams } from '../kyc/schemas.js';
import type { KycDecisionService } from '../kyc/decisions.js';
import { actorOf } from './actor.js';
import { caseActionRoutes } from './case-routes.js';
import { CaseDetailResponse, DecisionBody, DecisionResponse } from './schemas.js';
import type { ReviewService } from './service.js';
import { templateRoutes } from './template-routes.js';
import type { ReviewTemplateService } from './templates.js';

export const reviewRoutes: FastifyPluginAsyncTypebox<{
  review: ReviewService;
  decisions: KycDecisionService;
  templates: ReviewTemplateService;
}> = async (app, { review, decisions, templates }) => {
  app.addHook('onRequest', app.requireRole('reviewer', 'admin'));
  const security = [{ bearerAuth: [] }];

  app.get(
    '/cases/:caseId',
    {
      schema: {
        tags: ['review'],
        operationId: 'getReviewCase',
        summary: 'View a case',
        description:
          'One case in full: the submitted snapshot with identity numbers masked (full values through POST /v1/review/cases/{caseId}/reveal), documents as absolute links signed afresh at each view, checks, the history with actors by name and role, internal notes, a four-eyes proposal, and `lastRequest`: the latest request for changes with, per reason, whether the customer changed its part before submitting again. `readOnly` unless the case awaits review. Each view is recorded in the case history and the audit log.',
        security,
        errors: ['not_found'],
        params: CaseIdParams,
        response: { 200: CaseDetailResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { success: true as const, data: await review.view(request.params.caseId, actorOf(request)) };
    },
  );

  app.post(
    '/cases/:caseId/decision',
    {
      schema: {
        tags: ['review'],
        operationId: 'decideReviewCase',
        summary: 'Decide a case',
        description:
          'Approve, reject or request changes, with reason codes and a message for the customer (from a template, GET /v1/review/templates). Rejecting or requesting changes needs at least one reason code and a `userMessage`; approving a case with a check that did not pass needs an `internalNote` (400 naming the field). Under four-eyes (REVIEW_FOUR_EYES) a covered decision becomes a proposal: the case stays needs_review, `proposal` is set, and a different reviewer confirms or returns it. A decided case answers 409 `case_already_decided`; a case with a pending proposal 409 `proposal_pending`. Audited.',
        security,
        errors: [
          'validation_failed',
          'not_found',
          'case_already_decided',
          'proposal_pending',
          'case_claimed_by_other',
        ],
        params: CaseIdParams,
        body: DecisionBody,
        response: { 200: DecisionResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await review.decisionView(
        await decisions.reviewDecision(request.params.caseId, actorOf(request), request.body),
      ),
    }),
  );

  await app.register(caseActionRoutes, { review, decisions });
  await app.register(templateRoutes, { templates });
};
