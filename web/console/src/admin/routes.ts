import { lazy } from 'react';
import type { ConsoleRoute } from '../routes';

// Each page is its own chunk: the charting library comes with the dashboard only.
const DashboardPage = lazy(() => import('./DashboardPage'));
const StaffPage = lazy(() => import('./StaffPage'));
const ApiKeysPage = lazy(() => import('./ApiKeysPage'));
const WebhooksPage = lazy(() => import('./WebhooksPage'));
const WebhookDeliveryPage = lazy(() => import('./WebhookDeliveryPage'));
const AuditPage = lazy(() => import('./AuditPage'));
const TemplatesPage = lazy(() => import('./TemplatesPage'));
const DataRequestsPage = lazy(() => import('./DataRequestsPage'));

const admin = ['admin'] as const;

/** The admin pages (under /admin/…), each lazily loaded. */
export const adminRoutes: ConsoleRoute[] = [
  { path: '/admin/dashboard', roles: admin, nav: { en: 'Dashboard', hi: 'डैशबोर्ड' }, page: DashboardPage },
  { path: '/admin/staff', roles: admin, nav: { en: 'Staff', hi: 'स्टाफ़' }, page: StaffPage },
  { path: '/admin/api-keys', roles: admin, nav: { en: 'API keys', hi: 'API कुंजियाँ' }, page: ApiKeysPage },
  { path: '/admin/webhooks', roles: admin, nav: { en: 'Webhooks', hi: 'वेबहुक' }, page: WebhooksPage },
  { path: '/admin/webhooks/:id', roles: admin, page: WebhookDeliveryPage },
  { path: '/admin/audit', roles: admin, nav: { en: 'Audit log', hi: 'ऑडिट लॉग' }, page: AuditPage },
  {
    path: '/admin/templates',
    roles: admin,
    nav: { en: 'Templates', hi: 'टेम्पलेट' },
    page: TemplatesPage,
  },
  {
    path: '/admin/data-requests',
    roles: admin,
    nav: { en: 'Data requests', hi: 'डेटा अनुरोध' },
    page: DataRequestsPage,
  },
];
