import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sessionOf } from '../../plugins/auth.js';
import {
  InviteStaffBody,
  StaffListResponse,
  StaffParams,
  StaffResponse,
  StaffSessionListResponse,
  UpdateStaffBody,
} from './schemas.js';
import type { Actor, StaffService } from './service.js';

/** Staff management for admins, under /v1/admin/staff. */
export const adminStaffRoutes: FastifyPluginAsyncTypebox<{ staff: StaffService }> = async (
  app,
  { staff },
) => {
  app.addHook('onRequest', app.requireRole('admin'));
  const actor = (request: FastifyRequest): Actor => ({
    userId: sessionOf(request).userId,
    role: sessionOf(request).role,
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : undefined,
  });
  const security = [{ bearerAuth: [] }];

  app.post(
    '',
    {
      schema: {
        tags: ['admin'],
        operationId: 'inviteStaff',
        summary: 'Invite a reviewer or admin',
        description:
          'Invites a reviewer or admin by email (again, for an invitation not accepted yet); the mail carries a single-use link, and no password travels in this request.',
        errors: ['email_taken'],
        security,
        body: InviteStaffBody,
        response: { 201: StaffResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ data: await staff.invite(actor(request), request.body) }),
  );

  app.get(
    '',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listStaff',
        summary: 'List staff',
        description: 'Every reviewer and admin account, with its role, status and last sign-in.',
        security,
        response: { 200: StaffListResponse },
      },
    },
    async () => ({ data: await staff.list() }),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['admin'],
        operationId: 'updateStaff',
        summary: 'Change a staff account',
        description:
          "Changes a staff member's role, or disables the account (its sessions end at once) and enables it again. Admins cannot change their own account (409 `own_account`).",
        errors: ['own_account'],
        security,
        params: StaffParams,
        body: UpdateStaffBody,
        response: { 200: StaffResponse },
      },
    },
    async (request) => ({ data: await staff.update(actor(request), request.params.id, request.body) }),
  );

  app.get(
    '/:id/sessions',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listStaffSessions',
        summary: "List a staff member's active sessions",
        description:
          'The sessions of a reviewer or admin that are neither ended nor expired, newest first, with where they signed in from and when the second factor was last checked. Disabling the account or changing its role ends them all.',
        errors: ['not_found'],
        security,
        params: StaffParams,
        response: { 200: StaffSessionListResponse },
      },
    },
    async (request) => ({ data: await staff.sessions(request.params.id) }),
  );
};
