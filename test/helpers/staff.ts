import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { users } from '../../src/db/schema/index.js';
import type { UserRole } from '../../src/db/schema/index.js';
import { registerAndLogin } from './app.js';
import type { TestDatabase } from './database.js';

/** A signed-in user with `role`: registered as a customer, promoted in the database, signed in again. */
export async function promoteAndLogin(app: FastifyInstance, database: TestDatabase, role: UserRole) {
  const account = await registerAndLogin(app);
  const [user] = await database.handle.db
    .update(users)
    .set({ role })
    .where(eq(users.email, account.email))
    .returning({ id: users.id });
  const login = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email: account.email, password: account.password },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  return { ...account, token: (login.json() as { token: string }).token, userId: user!.id };
}
