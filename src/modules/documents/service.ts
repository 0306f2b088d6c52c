import type { Database, Executor } from '../../db/client.js';
import { decryptBytes, encryptBytes } from '../../lib/crypto/index.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import { notFound } from '../../lib/errors.js';
import { isUuid, uuidv7 } from '../../lib/ids.js';
import type { UserKeyService } from '../keys/service.js';
import { createDocumentRepository } from './repository.js';
import type { DocumentKindColumn, DocumentMetadata } from './repository.js';
import type { SanitizedFile } from './sanitize.js';

/** Signed document links live this long: enough for a page to load, too short to share usefully. */
export const DOCUMENT_URL_TTL_SECONDS = 15 * 60;

const contentContext = (userId: string, documentId: string) => ({
  table: 'documents',
  column: `content:${documentId}`,
  userId,
});

export interface DocumentContent extends DocumentMetadata {
  bytes: Buffer;
}

export class DocumentService {
  constructor(
    private readonly db: Database,
    private readonly keys: UserKeyService,
    private readonly keyRing: KeyRing,
  ) {}

  /** Stores a sanitised file encrypted under the user's data key; returns its metadata. */
  async store(
    executor: Executor,
    userId: string,
    dataKey: Buffer,
    kind: DocumentKindColumn,
    file: SanitizedFile,
  ): Promise<DocumentMetadata> {
    const id = uuidv7();
    const metadata = {
      id,
      userId,
      kind,
      contentType: file.contentType,
      size: file.size,
      sha256: file.sha256,
    };
    await createDocumentRepository(executor).insert({
      ...metadata,
      content: encryptBytes(dataKey, file.bytes, contentContext(userId, id)),
    });
    return metadata;
  }

  async findOwned(executor: Executor, userId: string, ids: string[]): Promise<DocumentMetadata[]> {
    return createDocumentRepository(executor).findMetadata(userId, ids.filter(isUuid));
  }

  signedUrl(documentId: string, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + DOCUMENT_URL_TTL_SECONDS;
    const signature = this.keyRing.signUrlToken(`document:${documentId}`, expires);
    return `/v1/documents/${documentId}?expires=${expires}&signature=${signature}`;
  }

  verifySignature(documentId: string, expires: string, signature: string): boolean {
    return this.keyRing.verifyUrlToken(`document:${documentId}`, expires, signature);
  }

  /**
   * The decrypted document for its owner, or for anyone holding a valid signed link. Every other
   * case is the same 404, so ids of other users' documents reveal nothing.
   */
  async read(
    documentId: string,
    access: { userId: string } | { signedLink: true },
  ): Promise<DocumentContent> {
    if (!isUuid(documentId)) throw notFound('Document');
    const row = await createDocumentRepository(this.db).findWithContent(documentId);
    if (!row || ('userId' in access && row.userId !== access.userId)) throw notFound('Document');
    const dataKey = await this.keys.find(this.db, row.userId);
    if (!dataKey) throw notFound('Document');
    const { content, ...metadata } = row;
    return { ...metadata, bytes: decryptBytes(dataKey, content, contentContext(row.userId, row.id)) };
  }

  async deleteUnreferencedMasterCopies(executor: Executor, userId: string) {
    await createDocumentRepository(executor).deleteUnreferencedMasterCopies(userId);
  }

  async deleteUnreferencedIncomeProofs(executor: Executor, userId: string) {
    await createDocumentRepository(executor).deleteUnreferencedIncomeProofs(userId);
  }
}
