import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consents, documents, erasureRequests, legalHolds, selfieChecks } from '../../src/db/schema/index.js';
import { uuidv7 } from '../../src/lib/ids.js';
import { KeyRing } from '../../src/lib/crypto/index.js';
import { sealNewUser } from '../../src/modules/auth/new-user.js';
import { NO_PASSWORD_HASH } from '../../src/modules/auth/passwords.js';
import { createAuthRepository } from '../../src/modules/auth/repository.js';
import { createConsentRepository } from '../../src/modules/consents/repository.js';
import { createSelfieCheckRepository } from '../../src/modules/liveliness/repository.js';
import { createPrivacyRepository } from '../../src/modules/privacy/repository.js';
import { TEST_SECRETS } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

/**
 * Rows written in one transaction share `now()` (and PGlite's clock counts whole milliseconds), so lists
 * ordered by a time alone came back in whatever order the table held them. The id, a uuidv7 that sorts in
 * the order it was made, breaks the tie. Each test stores its rows in the order opposite to the expected
 * one, so an order left to the table fails.
 */
let database: TestDatabase;
let userId: string;
const instant = new Date('2026-11-01T10:00:00.000Z');
/** Three ids in the order they were made. */
const ids = () => [uuidv7(), uuidv7(), uuidv7()] as const;

beforeAll(async () => {
  database = await createTestDatabase();
  const created = await createAuthRepository(database.handle.db).insertUser(
    sealNewUser(new KeyRing({ current: TEST_SECRETS.KYC_SECRET }), {
      email: 'same-instant@example.com',
      name: 'Asha Verma',
      mobileNo: '9876543210',
      passwordHash: NO_PASSWORD_HASH,
    }),
  );
  userId = created!.id;
});
afterAll(() => database.drop());

describe('lists of rows from the same instant', () => {
  it("puts a customer's newest consent first", async () => {
    const [first, second, third] = ids();
    const db = database.handle.db;
    await db.insert(consents).values([
      { id: first, userId, purpose: 'kyc_verification', noticeVersion: '2026-11', grantedAt: instant },
      { id: second, userId, purpose: 'digilocker_fetch', noticeVersion: '2026-11', grantedAt: instant },
      { id: third, userId, purpose: 'secure_share_prefill', noticeVersion: '2026-11', grantedAt: instant },
    ]);
    const listed = await createConsentRepository(db).list(userId);
    expect(listed.map((row) => row.id)).toEqual([third, second, first]);
  });

  it('takes the selfie that passed last', async () => {
    const db = database.handle.db;
    const checks = ids();
    const documentIds = ids();
    await db.insert(documents).values(
      documentIds.map((id) => ({
        id,
        userId,
        kind: 'selfie' as const,
        contentType: 'image/jpeg',
        size: 1,
        sha256: '0'.repeat(64),
        content: Buffer.from('x'),
      })),
    );
    // One at a time in the order made: the order the table keeps them in gives the oldest first.
    for (const index of [0, 1, 2])
      await db.insert(selfieChecks).values({
        id: checks[index],
        userId,
        documentId: documentIds[index]!,
        status: 'SUCCESS',
        passed: true,
        createdAt: instant,
      });
    const latest = await createSelfieCheckRepository(db).latestPassed(userId);
    expect(latest?.documentId).toBe(documentIds[2]);
  });

  it('lists erasure requests newest first', async () => {
    const db = database.handle.db;
    const requests = ids();
    await db.insert(erasureRequests).values(
      requests.map((id) => ({
        id,
        userId,
        source: 'customer' as const,
        status: 'held' as const,
        requestedAt: instant,
      })),
    );
    const listed = await createPrivacyRepository(db).listRequests({}, 10);
    expect(listed.map((row) => row.id)).toEqual([...requests].reverse());
  });

  it('lists legal holds newest first, and ended holds oldest first', async () => {
    const db = database.handle.db;
    const privacy = createPrivacyRepository(db);
    const hold = (id: string) => ({
      id,
      userId,
      reason: 'kyc_record' as const,
      relationshipEndedAt: instant,
      holdUntil: instant,
      createdAt: instant,
    });
    const holds = ids();
    await db.insert(legalHolds).values(holds.map(hold));
    expect((await privacy.listHolds({}, 10)).map((row) => row.id)).toEqual([...holds].reverse());

    await db.delete(legalHolds);
    await db.insert(legalHolds).values([...holds].reverse().map(hold));
    expect((await privacy.endedHolds(new Date(), 10)).map((row) => row.id)).toEqual([...holds]);
  });
});
