import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { CaseIdParams } from '../kyc/schemas.js';
import type { KycDecisionService } from '../kyc/decisions.js';
import { actorOf } from './actor.js';
import {
  DecisionResponse,
  NoteBody,
  NoteResponse,
  ReturnProposalBody,
  RevealBody,
  RevealResponse,
} from './schemas.js';
import type { ReviewService } from './service.js';

/** What a reviewer does on one case besides deciding it: notes, reveals, four-eyes confirmations. */
export const caseActionRoutes: FastifyPluginAsyncTypebox<{
  review: ReviewService;
  decisions: KycDecisionService;
}> = async (app, { review, decisions }) => {
  const security = [{ bearerAuth: [] }];

  app.post(
    '/cases/:caseId/notes',
    {
      schema: {
        tags: ['review'],
        operationId: 'addReviewNote',
        summary: 'Add an internal note',
        description:
          'An internal note on the case (1-2000 characters), for staff only: listed in the case view, never shown to the customer. Any case, decided or not. Audited.',
        security,
        errors: ['validation_failed', 'not_found'],
        params: CaseIdParams,
        body: NoteBody,
        response: { 201: NoteResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        success: true as const,
        data: await review.addNote(request.params.caseId, actorOf(request), request.body.text),
      }),
  );

  app.post(
    '/cases/:caseId/reveal',
    {
      schema: {
        tags: ['review'],
        operationId: 'revealReviewCaseValue',
        summary: 'Reveal a full identity number',
        description:
          'One full value the case view masks: the PAN, a bank account number or a demat account (BO) id, with `index` for lists. Needs a second-factor check in the last 5 minutes (login, or POST /v1/auth/mfa/step-up), else 403 `second_factor_required`. A case not awaiting review is read-only: only an admin may reveal its values, a reviewer gets 409 `case_read_only`. Audited with the field and the reason; answered with Cache-Control: no-store.',
        security,
        errors: ['validation_failed', 'second_factor_required', 'not_found', 'case_read_only'],
        params: CaseIdParams,
        body: RevealBody,
        response: { 200: RevealResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return {
        success: true as const,
        data: await review.reveal(request.params.caseId, actorOf(request), sessionOf(request), request.body),
      };
    },
  );

  app.post(
    '/cases/:caseId/proposal/confirm',
    {
      schema: {
        tags: ['review'],
        operationId: 'confirmReviewProposal',
        summary: 'Confirm a proposed decision',
        description:
          'Four-eyes: applies the decision another reviewer proposed. Its author answers 409 `four_eyes_same_reviewer`; a case without a proposal 409 `no_proposal`; a case a third reviewer has claimed (not the author) 409 `case_claimed_by_other` to anyone but that holder. Audited and in the case history.',
        security,
        errors: [
          'not_found',
          'case_already_decided',
          'no_proposal',
          'four_eyes_same_reviewer',
          'case_claimed_by_other',
        ],
        params: CaseIdParams,
        response: { 200: DecisionResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await review.decisionView(
        await decisions.confirmProposal(request.params.caseId, actorOf(request)),
      ),
    }),
  );

  app.post(
    '/cases/:caseId/proposal/return',
    {
      schema: {
        tags: ['review'],
        operationId: 'returnReviewProposal',
        summary: 'Return a proposed decision',
        description:
          'Four-eyes: discards the decision another reviewer proposed, with a note saying why (kept in the case history); the case stays needs_review for a new decision. Its author answers 409 `four_eyes_same_reviewer`; a case a third reviewer has claimed 409 `case_claimed_by_other` to anyone but that holder. Audited.',
        security,
        errors: [
          'validation_failed',
          'not_found',
          'case_already_decided',
          'no_proposal',
          'four_eyes_same_reviewer',
          'case_claimed_by_other',
        ],
        params: CaseIdParams,
        body: ReturnProposalBody,
        response: { 200: DecisionResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await review.decisionView(
        await decisions.returnProposal(request.params.caseId, actorOf(request), request.body.note),
      ),
    }),
  );

  app.post(
    '/cases/:caseId/proposal/withdraw',
    {
      schema: {
        tags: ['review'],
        operationId: 'withdrawReviewProposal',
        summary: 'Withdraw your proposed decision',
        description:
          'Four-eyes: the reviewer who proposed a decision takes it back before it is confirmed; the case stays needs_review for a new decision. Another reviewer answers 409 `not_proposal_author`; a case without a proposal 409 `no_proposal`. Audited and in the case history.',
        security,
        errors: ['not_found', 'case_already_decided', 'no_proposal', 'not_proposal_author'],
        params: CaseIdParams,
        response: { 200: DecisionResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await review.decisionView(
        await decisions.withdrawProposal(request.params.caseId, actorOf(request)),
      ),
    }),
  );
};
