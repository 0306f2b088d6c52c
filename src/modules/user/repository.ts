import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../../db/schema/index.js';

export function createUserRepository(db: Executor) {
  return {
    async findAccount(userId: string) {
      const rows = await db
        .select({
          id: users.id,
          name: users.name,
          email: users.email,
          mobileNo: users.mobileNo,
          role: users.role,
          profileVersion: users.profileVersion,
        })
        .from(users)
        .where(eq(users.id, userId))
        .limit(1);
      return rows[0];
    },
  };
}
