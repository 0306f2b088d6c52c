import { lazy } from 'react';
import type { ConsoleRoute } from './routes';

const QueuePage = lazy(() => import('./queue/QueuePage'));
const CasePage = lazy(() => import('./case/CasePage'));

/** The reviewers' pages: the queue (home) and a case. Admins review too. */
export const reviewerRoutes: ConsoleRoute[] = [
  { path: '/', roles: ['reviewer', 'admin'], nav: { en: 'Queue', hi: 'कतार' }, page: QueuePage },
  { path: '/cases/:id', roles: ['reviewer', 'admin'], page: CasePage },
];
