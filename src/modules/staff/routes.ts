import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sessionOf } from '../../plugins/auth.js';
import {
  InviteStaffBody,
  StaffListResponse,
  StaffParams,
  StaffResponse,
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
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : undefined,
  });
  const security = [{ bearerAuth: [] }];

  app.post(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Invite a reviewer or admin by email (again, for an invitation not accepted yet)',
        security,
        body: InviteStaffBody,
        response: { 201: StaffResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ data: await staff.invite(actor(request), request.body) }),
  );

  app.get(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Every reviewer and admin account',
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
        summary: "Change a staff member's role, or disable (sessions end at once) and enable again",
        security,
        params: StaffParams,
        body: UpdateStaffBody,
        response: { 200: StaffResponse },
      },
    },
    async (request) => ({ data: await staff.update(actor(request), request.params.id, request.body) }),
  );
};
