import { useQuery } from '@tanstack/react-query';
import type { paths } from '../../../../../openapi/schema';
import { api, call } from '../../../../shared/src/api/client';

export type IfscBranch =
  paths['/v1/banks/ifsc/{ifsc}']['get']['responses'][200]['content']['application/json']['data'];

export const IFSC = /^[A-Z]{4}0[A-Z0-9]{6}$/;

/** The bank and branch an IFSC names (GET /v1/banks/ifsc/{ifsc}); asked only for a well-formed code. */
export function useIfscLookup(ifsc: string) {
  return useQuery({
    queryKey: ['ifsc', ifsc],
    queryFn: async () => (await call(api.GET('/v1/banks/ifsc/{ifsc}', { params: { path: { ifsc } } }))).data,
    enabled: IFSC.test(ifsc),
    // A branch does not move while the customer fills in the form.
    staleTime: Infinity,
    retry: false,
  });
}
