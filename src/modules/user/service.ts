import type { Database } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { createUserRepository } from './repository.js';
import type { UserDetails } from './schemas.js';

export class UserService {
  private readonly repository: ReturnType<typeof createUserRepository>;

  constructor(db: Database) {
    this.repository = createUserRepository(db);
  }

  async getDetails(userId: string): Promise<UserDetails> {
    const account = await this.repository.findAccount(userId);
    if (!account) throw notFound('User');
    return {
      _id: account.id,
      name: account.name,
      email: account.email,
      mobileNo: account.mobileNo,
      role: account.role,
      __v: account.profileVersion,
      kycStatus: 'draft',
      userImage: null,
    };
  }
}
