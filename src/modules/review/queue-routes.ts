import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sessionOf } from '../../plugins/auth.js';
import { CaseIdParams } from '../kyc/schemas.js';
import type { CaseClaimService, ClaimActor } from './claims.js';
import type { ReviewQueueService } from './queue.js';
import { AssignBody, ClaimResponse, ListCasesQuery, ListCasesResponse } from './queue-schemas.js';

/** The queue and its claims, for reviewers and admins (assigning: admins). */
export const reviewQueueRoutes: FastifyPluginAsyncTypebox<{
  queue: ReviewQueueService;
  claims: CaseClaimService;
}> = async (app, { queue, claims }) => {
  app.addHook('onRequest', app.requireRole('reviewer', 'admin'));
  const security = [{ bearerAuth: [] }];
  const actorOf = (request: FastifyRequest): ClaimActor => {
    const session = sessionOf(request);
    return {
      id: session.userId,
      role: session.role,
      ip: request.ip,
      userAgent: request.headers['user-agent'],
    };
  };

  app.get(
    '/cases',
    {
      schema: {
        tags: ['review'],
        operationId: 'listReviewCases',
        summary: 'List the queue',
        description:
          'Cases oldest submission first (`order=newest` for the reverse), filtered by status, reason code, submission time and holder, or found by `q`: a case number, external id, email address, mobile number or PAN, each matched exactly (a PAN through its blind index). Each case carries its age, its SLA badge (`REVIEW_SLA_HOURS`) and who holds it; identity values are masked. `counts` gives the cases per status over all cases. Pages follow `nextCursor`; a cursor the list did not give is a 400 naming `cursor`.',
        security,
        querystring: ListCasesQuery,
        response: { 200: ListCasesResponse },
      },
    },
    async (request) => ({
      success: true as const,
      ...(await queue.list(request.query, sessionOf(request).userId)),
    }),
  );

  app.post(
    '/cases/:caseId/claim',
    {
      schema: {
        tags: ['review'],
        operationId: 'claimReviewCase',
        summary: 'Claim a case',
        description:
          'Takes a case awaiting review (needs_review) for yourself, so that no other reviewer decides it. Claiming a case you hold already changes nothing; a case another holds answers 409 `case_claimed`. Audited as `case_claimed`.',
        security,
        params: CaseIdParams,
        response: { 200: ClaimResponse },
        errors: ['case_claimed', 'case_not_awaiting_review'],
      },
    },
    async (request) => ({
      success: true as const,
      data: await claims.claim(request.params.caseId, actorOf(request)),
    }),
  );

  app.post(
    '/cases/:caseId/release',
    {
      schema: {
        tags: ['review'],
        operationId: 'releaseReviewCase',
        summary: 'Release a case',
        description:
          'Gives a claimed case back to the queue. The holder or an admin may; another reviewer gets 409 `case_claimed`. Releasing a case nobody holds changes nothing. Audited as `case_released`.',
        security,
        params: CaseIdParams,
        response: { 200: ClaimResponse },
        errors: ['case_claimed'],
      },
    },
    async (request) => ({
      success: true as const,
      data: await claims.release(request.params.caseId, actorOf(request)),
    }),
  );

  app.post(
    '/cases/:caseId/assign',
    {
      schema: {
        tags: ['review'],
        operationId: 'assignReviewCase',
        summary: 'Assign a case (admin)',
        description:
          'Hands a case awaiting review to an active reviewer or admin, over anyone’s claim. A `reviewerId` that is not a staff account is a 404, one of a disabled or invited account a 400, both naming `reviewerId`. Audited as `case_assigned`.',
        security,
        params: CaseIdParams,
        body: AssignBody,
        response: { 200: ClaimResponse },
        errors: ['case_not_awaiting_review'],
      },
    },
    async (request) => ({
      success: true as const,
      data: await claims.assign(request.params.caseId, actorOf(request), request.body.reviewerId),
    }),
  );
};
