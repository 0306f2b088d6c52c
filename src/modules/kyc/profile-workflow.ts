import type { Executor } from '../../db/client.js';
import type { CaseStatus } from '../../db/schema/index.js';
import type { LivelinessService } from '../liveliness/service.js';
import type { ProfileWorkflow } from '../profile/service.js';
import { createKycRepository } from './repository.js';
import type { LastDecision } from './schemas.js';
import { locked } from './service.js';
import type { CaseTransitions } from './transitions.js';
import { APPROVED, EDITABLE } from './transitions.js';

/**
 * What the KYC workflow tells the profile: whether it may change now (the one place that decides, called
 * inside update_data's transaction), and getDetails' KYC status, last decision and selfie.
 */
export class KycProfileWorkflow implements ProfileWorkflow {
  constructor(
    private readonly transitions: CaseTransitions,
    private readonly liveliness: LivelinessService,
  ) {}

  async assertEditable(executor: Executor, userId: string): Promise<void> {
    const status = await this.kycStatus(executor, userId);
    if (EDITABLE.has(status)) return;
    if (APPROVED.has(status))
      throw locked('KYC is approved; start a re-KYC (POST /v1/kyc/rekyc) to change the profile');
    if (status === 'rejected')
      throw locked('KYC was rejected; the profile cannot change unless the case is reopened');
    throw locked(`KYC is ${status}; the profile cannot change until it is decided`);
  }

  /** The status of the latest case, `draft` before the first one. */
  async kycStatus(executor: Executor, userId: string): Promise<CaseStatus> {
    return (await createKycRepository(executor).latestStatus(userId)) ?? 'draft';
  }

  async lastDecision(executor: Executor, userId: string): Promise<LastDecision> {
    return this.transitions.lastDecisionOf(executor, userId);
  }

  async userImage(executor: Executor, userId: string): Promise<string | undefined> {
    return (await this.liveliness.latestPassed(executor, userId))?.documentId;
  }
}
