import { Type } from 'typebox';

export const CaseStatusView = Type.Object({
  caseId: Type.Union([Type.String(), Type.Null()]),
  number: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.String({
    description: 'draft, submitted, verifying, needs_review, action_required, approved or rejected',
  }),
  checks: Type.Array(
    Type.Object({
      type: Type.String(),
      outcome: Type.Union([Type.String(), Type.Null()], {
        description: 'pass, review, fail or indeterminate; null while running',
      }),
      reason: Type.Union([Type.String(), Type.Null()]),
      updatedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  reasons: Type.Array(Type.String(), {
    description: '`section/code` for what to fix; codes for what a reviewer looks at',
  }),
  userMessage: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const CaseStatusResponse = Type.Object({ success: Type.Literal(true), data: CaseStatusView });
export const CaseIdParams = Type.Object(
  { caseId: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
