import type { paths } from '../../../../openapi/schema';

/** The JSON body of a route's answer with `status`, as openapi/schema.d.ts describes it. */
type Answer<
  Path extends keyof paths,
  Method extends keyof paths[Path],
  Status extends number = 200,
> = paths[Path][Method] extends {
  responses: { [S in Status]: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

export type StaffMember = Answer<'/v1/admin/staff', 'get'>['data'][number];
export type StaffRole = StaffMember['role'];
export type ApiKey = Answer<'/v1/admin/api-keys', 'get'>['data'][number];
export type ApiKeyScope = ApiKey['scopes'][number];
export type Delivery = Answer<'/v1/admin/webhooks/deliveries', 'get'>['data'][number];
export type DeliveryDetail = Answer<'/v1/admin/webhooks/deliveries/{id}', 'get'>['data'];
export type Template = Answer<'/v1/review/templates', 'get'>['data'][number];
export type ErasureRequest = Answer<'/v1/admin/erasure-requests', 'get'>['data'][number];
export type LegalHold = Answer<'/v1/admin/legal-holds', 'get'>['data'][number];
export type InvestigationHold = Answer<'/v1/admin/investigation-holds', 'get'>['data'][number];
