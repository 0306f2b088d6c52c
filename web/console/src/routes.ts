import type { ComponentType } from 'react';
import { adminRoutes } from './admin/routes';
import { reviewerRoutes } from './reviewer-routes';

export type StaffRole = 'reviewer' | 'admin';

/** A page of the console: where it is, who may open it, and whether the navigation lists it. */
export interface ConsoleRoute {
  /** A wouter pattern under /console, e.g. `/admin/staff` or `/cases/:id`. */
  path: string;
  /** The roles that see it in the navigation and may open it (the API checks again). */
  roles: readonly StaffRole[];
  /** Its entry in the navigation, in both languages; a page without one is reached by links only. */
  nav?: { en: string; hi: string };
  page: ComponentType<{ params: Record<string, string | undefined> }>;
}

/**
 * Every page, the reviewers' first. The navigation shows the entries with `nav` the signed-in role
 * may open, in this order: admin pages are added to ./admin/routes.ts, nowhere else.
 */
export const ROUTES: readonly ConsoleRoute[] = [...reviewerRoutes, ...adminRoutes];

export function routesFor(role: StaffRole): ConsoleRoute[] {
  return ROUTES.filter((route) => route.roles.includes(role));
}
