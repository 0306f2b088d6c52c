import { isUniqueViolation } from '../../db/client.js';
import type { Database } from '../../db/client.js';
import type { CaseStatus } from '../../db/schema/index.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { LastDecision } from '../kyc/schemas.js';
import type { HostCaseView, KycService } from '../kyc/service.js';
import { createIntegrationRepository } from './repository.js';
import type { IntegrationUserRow } from './repository.js';

/** What the host application learns about a user: ids and KYC state, never identity data. */
export interface IntegrationUserView extends LastDecision {
  userId: string;
  externalId: string | null;
  /** The current case's status (draft again after a re-KYC starts); `verifiedStatus` is the last decision. */
  kycStatus: CaseStatus;
  cases: Array<{ caseId: string; number: number; status: CaseStatus; updatedAt: string }>;
}

const EXTERNAL_ID_INDEX = 'users_external_id_key';

const externalIdTaken = () => conflict('external_id_taken', 'Another user already has this external id');

export class IntegrationService {
  constructor(
    private readonly db: Database,
    private readonly kyc: KycService,
  ) {}

  async getUser(userId: string): Promise<IntegrationUserView> {
    const user = await createIntegrationRepository(this.db).findUser(userId);
    if (!user) throw notFound('User');
    return this.view(user);
  }

  /** The customer's current case (status, reasons, the customer's message, dates) and last decision. */
  async getKyc(userId: string): Promise<HostCaseView & { userId: string; externalId: string | null }> {
    const user = await createIntegrationRepository(this.db).findUser(userId);
    if (!user) throw notFound('User');
    return { userId: user.id, externalId: user.externalId, ...(await this.kyc.hostView(user.id)) };
  }

  async findByExternalId(externalId: string): Promise<IntegrationUserView> {
    const user = await createIntegrationRepository(this.db).findUserByExternalId(externalId);
    if (!user) throw notFound('User');
    return this.view(user);
  }

  /** The customer with this external id, if any (each external id belongs to one user at most). */
  async findUserIdByExternalId(externalId: string): Promise<string | undefined> {
    return (await createIntegrationRepository(this.db).findUserByExternalId(externalId))?.id;
  }

  /** Attaches (or changes) the host's id for a user; each external id belongs to one user only. */
  async setExternalId(userId: string, externalId: string): Promise<IntegrationUserView> {
    const repository = createIntegrationRepository(this.db);
    const owner = await repository.findUserByExternalId(externalId);
    if (owner && owner.id !== userId) throw externalIdTaken();
    let user: IntegrationUserRow | undefined;
    try {
      user = await repository.setExternalId(userId, externalId);
    } catch (error) {
      // Two requests claiming one external id at once: the unique index decides.
      if (isUniqueViolation(error, EXTERNAL_ID_INDEX)) throw externalIdTaken();
      throw error;
    }
    if (!user) throw notFound('User');
    return this.view(user);
  }

  private async view(user: IntegrationUserRow): Promise<IntegrationUserView> {
    const cases = await createIntegrationRepository(this.db).casesOf(user.id);
    return {
      userId: user.id,
      externalId: user.externalId,
      kycStatus: cases[0]?.status ?? 'draft',
      ...(await this.kyc.lastDecisionOf(this.db, user.id)),
      cases: cases.map((row) => ({
        caseId: row.id,
        number: row.number,
        status: row.status,
        updatedAt: row.updatedAt.toISOString(),
      })),
    };
  }
}
