import type { paths } from '../../../../openapi/schema';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The case as GET /v1/review/cases/{caseId} answers it: identity numbers masked, `readOnly` unless awaiting review. */
export type CaseView = Json<paths['/v1/review/cases/{caseId}']['get']['responses'][200]>['data'];
/** Who holds a case (the case view's `assignee`). */
export type Holder = { id: string; name: string | null } | null;
export type Proposal = NonNullable<CaseView['proposal']>;
export type Decision = Proposal['decision'];
export type ReviewTemplate = Json<paths['/v1/review/templates']['get']['responses'][200]>['data'][number];
export type RevealField = NonNullable<
  paths['/v1/review/cases/{caseId}/reveal']['post']['requestBody']
>['content']['application/json']['field'];

/**
 * The profile frozen into a case, as getDetails describes it (the service's ProfileView, CaseSnapshot's
 * `profile`); the case view sends it untyped, with identity numbers masked.
 */
export type SubmittedProfile = Omit<
  Json<paths['/v1/user/getDetails']['get']['responses'][200]>['data'],
  'userImage' | 'kycStatus' | 'verifiedStatus' | 'verifiedAt'
>;

/** The snapshot: the profile as submitted and the selfie taken. */
export interface Snapshot {
  profile?: Partial<SubmittedProfile>;
  [part: string]: unknown;
}
