import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../../../shared/i18n/i18n';
import { ApiKeysPage } from './ApiKeysPage';
import { AuditPage } from './AuditPage';
import { commonMessages } from './common-messages';
import type { adminNavMessages } from './nav-messages';
import { StaffPage } from './StaffPage';
import { WebhookDeliveryPage } from './WebhookDeliveryPage';
import { WebhooksPage } from './WebhooksPage';
import './admin.css';

// The charting library comes with the dashboard only.
const DashboardPage = lazy(() => import('./DashboardPage'));

function Loading() {
  const t = useT(commonMessages);
  return <p role="status">{t('loading')}</p>;
}

export interface AdminRoute {
  /** Under the console's base (/console). */
  path: string;
  /** Its entry in the navigation; detail pages have none. */
  nav?: keyof (typeof adminNavMessages)['en'];
  render: (params: Record<string, string | undefined>) => ReactNode;
}

/** The admin pages (admin role only), for the console's route registry and navigation. */
export const adminRoutes: AdminRoute[] = [
  {
    path: '/admin/dashboard',
    nav: 'dashboard',
    render: () => (
      <Suspense fallback={<Loading />}>
        <DashboardPage />
      </Suspense>
    ),
  },
  { path: '/admin/staff', nav: 'staff', render: () => <StaffPage /> },
  { path: '/admin/api-keys', nav: 'apiKeys', render: () => <ApiKeysPage /> },
  { path: '/admin/webhooks', nav: 'webhooks', render: () => <WebhooksPage /> },
  {
    path: '/admin/webhooks/:id',
    render: (params) => <WebhookDeliveryPage id={params['id'] ?? ''} />,
  },
  { path: '/admin/audit', nav: 'audit', render: () => <AuditPage /> },
];
