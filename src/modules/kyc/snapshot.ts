import type { Executor } from '../../db/client.js';
import { decryptFieldString } from '../../lib/crypto/index.js';
import { AppError } from '../../lib/errors.js';
import type { UserKeyService } from '../keys/service.js';
import type { CaseSnapshot } from './check-kit.js';
import type { CaseRow } from './repository.js';

/** The encryption context of a case's frozen profile. */
export const snapshotContext = (userId: string, caseId: string) => ({
  table: 'kyc_cases',
  column: `snapshot:${caseId}`,
  userId,
});

/** The profile frozen into a submitted case. */
export async function readSnapshot(
  executor: Executor,
  keys: UserKeyService,
  row: CaseRow,
): Promise<CaseSnapshot> {
  const dataKey = await keys.find(executor, row.userId);
  if (!row.snapshot || !dataKey) throw new AppError('internal_error', 'The case snapshot cannot be read');
  return JSON.parse(
    decryptFieldString(dataKey, row.snapshot, snapshotContext(row.userId, row.id)),
  ) as CaseSnapshot;
}
