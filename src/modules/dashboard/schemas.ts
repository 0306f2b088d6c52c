import { Type } from 'typebox';
import { CASE_STATUSES } from '../../db/schema/index.js';

const Day = Type.String({ format: 'date', description: 'A UTC day, YYYY-MM-DD' });

export const DashboardQuery = Type.Object(
  {
    from: Type.Optional({ ...Day, description: 'First UTC day, included; default 29 days before `to`' }),
    to: Type.Optional({ ...Day, description: 'Last UTC day, included; default today. At most 366 days' }),
  },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });
const DecisionCounts = Type.Object({
  approved: Count,
  rejected: Count,
  action_required: Count,
  total: Count,
});
const ReasonCount = Type.Object({ reason: Type.String(), cases: Count });

export const Dashboard = Type.Object({
  from: Day,
  to: Day,
  casesPerDay: Type.Array(
    Type.Object({
      day: Day,
      counts: Type.Object(Object.fromEntries(CASE_STATUSES.map((status) => [status, Count])), {
        description: 'Cases that entered each status that day',
      }),
    }),
    { description: 'Every day of the range, oldest first' },
  ),
  decisions: Type.Object(
    { automatic: DecisionCounts, human: DecisionCounts },
    {
      description:
        'Cases that became approved, rejected or action_required in the range: by the checks alone (automatic) or by a reviewer or admin (human)',
    },
  ),
  turnaround: Type.Object(
    {
      cases: Type.Integer({
        minimum: 0,
        description: 'Cases finally decided (approved or rejected) in the range',
      }),
      p50Hours: Type.Union([Type.Number(), Type.Null()], {
        description: 'Median hours from submission to decision',
      }),
      p90Hours: Type.Union([Type.Number(), Type.Null()], { description: '90th percentile, hours' }),
    },
    { description: 'From the last submission to the final decision; null without decided cases' },
  ),
  topReviewReasons: Type.Array(ReasonCount, {
    description:
      'The 10 most frequent reasons of cases sent to a reviewer in the range (reopened cases aside)',
  }),
  topActionRequiredReasons: Type.Array(ReasonCount, {
    description: 'The 10 most frequent reasons of cases sent back to the customer in the range',
  }),
  providerErrors: Type.Array(
    Type.Object({
      endpoint: Type.String({
        description: 'The Cashfree call, as the verification ledger names it (pan_lite, face_match, …)',
      }),
      calls: Count,
      errors: Type.Integer({ minimum: 0, description: 'failed + error + indeterminate' }),
      failed: Type.Integer({ minimum: 0, description: 'Cashfree refused the request (4xx other than 429)' }),
      error: Type.Integer({
        minimum: 0,
        description: 'Not processed: timeout before sending, 429, 5xx, circuit open',
      }),
      indeterminate: Type.Integer({ minimum: 0, description: 'Outcome unknown (answer lost)' }),
    }),
    { description: 'Verification calls per endpoint in the range, most errors first' },
  ),
});

export const DashboardResponse = Type.Object(
  { success: Type.Literal(true), data: Dashboard },
  {
    examples: [
      {
        success: true,
        data: {
          from: '2026-12-01',
          to: '2026-12-02',
          casesPerDay: [
            {
              day: '2026-12-01',
              counts: {
                draft: 0,
                submitted: 4,
                verifying: 4,
                needs_review: 1,
                action_required: 1,
                approved: 2,
                rejected: 0,
                esign_pending: 2,
                esign_expired: 0,
                completed: 1,
              },
            },
            {
              day: '2026-12-02',
              counts: {
                draft: 1,
                submitted: 2,
                verifying: 2,
                needs_review: 1,
                action_required: 0,
                approved: 2,
                rejected: 1,
                esign_pending: 2,
                esign_expired: 1,
                completed: 2,
              },
            },
          ],
          decisions: {
            automatic: { approved: 3, rejected: 0, action_required: 1, total: 4 },
            human: { approved: 1, rejected: 1, action_required: 0, total: 2 },
          },
          turnaround: { cases: 5, p50Hours: 0.02, p90Hours: 20.5 },
          topReviewReasons: [
            { reason: 'no_official_address', cases: 2 },
            { reason: 'bank_name_partial_match', cases: 1 },
          ],
          topActionRequiredReasons: [{ reason: 'panDetails/pan_invalid', cases: 1 }],
          providerErrors: [
            { endpoint: 'bank_account_async', calls: 6, errors: 1, failed: 0, error: 1, indeterminate: 0 },
            { endpoint: 'pan_lite', calls: 6, errors: 0, failed: 0, error: 0, indeterminate: 0 },
          ],
        },
      },
    ],
  },
);
