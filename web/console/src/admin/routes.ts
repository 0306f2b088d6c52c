import type { ConsoleRoute } from '../routes';

/**
 * The admin pages (under /admin/…), each lazily loaded: `{ path: '/admin/staff', roles: ['admin'],
 * nav: { en: 'Staff', hi: 'स्टाफ़' }, page: lazy(() => import('./StaffPage')) }`.
 */
export const adminRoutes: ConsoleRoute[] = [];
