import type { Database } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { zipArchive } from '../../lib/zip.js';
import type { RateLimiter } from '../../plugins/rate-limit.js';
import type { AuthService, ClientContext } from '../auth/service.js';
import type { DocumentService } from '../documents/service.js';
import type { UserKeyService } from '../keys/service.js';
import { fileName, PROCESSORS, readableRow } from './export.js';
import { createPrivacyRepository } from './repository.js';
import { PERSONAL_TABLES } from './tables.js';

/** Above this many bytes of files the ZIP is refused; the JSON, with links to each file, still works. */
export const EXPORT_ZIP_MAX_BYTES = 64 * 1024 * 1024;
const DAY_SECONDS = 24 * 60 * 60;

export interface PersonalDataExport {
  exportedAt: string;
  userId: string;
  /** DPDP Act s.11(1)(b): the processors the data is shared with. */
  processors: typeof PROCESSORS;
  /** Every table that holds rows about the customer, by table name, values decrypted. */
  tables: Record<string, Array<Record<string, unknown>>>;
}

/** The customer's right of access (DPDP Act s.11): everything Pehchan holds about them. */
export class PrivacyExportService {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      keys: UserKeyService;
      documents: DocumentService;
      auth: AuthService;
      limiter: RateLimiter;
      exportsPerDay: number;
    },
  ) {}

  /** One JSON document; documents appear as short-lived signed links. Rate limited and logged. */
  async exportJson(userId: string, client: ClientContext): Promise<PersonalDataExport> {
    await this.admit(userId);
    const data = await this.collect(userId);
    await this.deps.auth.recordAccountEvent(userId, 'data_exported', client);
    return data;
  }

  /** The JSON and every file (documents, selfies) in one ZIP. */
  async exportZip(userId: string, client: ClientContext): Promise<Buffer> {
    await this.admit(userId);
    const data = await this.collect(userId);
    const documents = data.tables.documents ?? [];
    const total = documents.reduce((sum, row) => sum + Number(row.size ?? 0), 0);
    if (total > EXPORT_ZIP_MAX_BYTES) {
      throw new AppError(
        'export_too_large',
        `Your files total ${total} bytes, more than the ${EXPORT_ZIP_MAX_BYTES} one ZIP holds; use the JSON export, which links each file.`,
      );
    }
    const files = [];
    for (const row of documents) {
      const document = await this.deps.documents.read(String(row.id), { userId });
      files.push({ name: fileName(document.id, document.contentType), data: document.bytes });
    }
    const json = Buffer.from(JSON.stringify(data, null, 2), 'utf8');
    const archive = zipArchive([{ name: 'pehchan-export.json', data: json }, ...files]);
    await this.deps.auth.recordAccountEvent(userId, 'data_exported_zip', client);
    return archive;
  }

  private async admit(userId: string) {
    await this.deps.limiter.consume({
      key: `privacy-export:${userId}`,
      limit: this.deps.exportsPerDay,
      windowSeconds: DAY_SECONDS,
    });
  }

  private async collect(userId: string): Promise<PersonalDataExport> {
    const repository = createPrivacyRepository(this.db);
    const dataKey = await this.deps.keys.find(this.db, userId);
    const tables: PersonalDataExport['tables'] = {};
    for (const entry of PERSONAL_TABLES) {
      const rows = await repository.exportRows(entry, userId);
      tables[entry.table] = rows.map((row) => readableRow(row, entry.table, userId, dataKey));
    }
    tables.documents = (tables.documents ?? []).map((row) => ({
      ...row,
      downloadUrl: this.deps.documents.signedUrl(String(row.id)),
    }));
    return { exportedAt: new Date().toISOString(), userId, processors: PROCESSORS, tables };
  }
}
