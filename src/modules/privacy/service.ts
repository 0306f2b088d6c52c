import type { Static } from 'typebox';
import type { Database } from '../../db/client.js';
import { decryptBytes, encryptBytes } from '../../lib/crypto/index.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { zipArchive } from '../../lib/zip.js';
import type { Jobs } from '../../jobs/index.js';
import type { RateLimiter } from '../../plugins/rate-limit.js';
import type { AuthService, ClientContext } from '../auth/service.js';
import type { DocumentService } from '../documents/service.js';
import type { UserKeyService } from '../keys/service.js';
import { fileName, PROCESSORS, readableRow } from './export.js';
import { createDataExportRepository } from './export-repository.js';
import type { DataExportMetadata } from './export-repository.js';
import { createPrivacyRepository } from './repository.js';
import type { BackgroundExportView } from './schemas.js';
import { PERSONAL_TABLES } from './tables.js';

export const DATA_EXPORT_JOB = 'privacy.export';
/** A background export stays downloadable this long, then the retention job deletes it. */
export const DATA_EXPORT_TTL_DAYS = 7;
/** Files past this are refused even in the background: the archive is built in memory, and bytea holds 1 GiB. */
export const DATA_EXPORT_MAX_BYTES = 512 * 1024 * 1024;
/** A background export still pending after this is taken for lost (its job gave up) and failed. */
const PENDING_STALE_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PersonalDataExport {
  exportedAt: string;
  userId: string;
  /** DPDP Act s.11(1)(b): the processors the data is shared with. */
  processors: typeof PROCESSORS;
  /** Every table that holds rows about the customer, by table name, values decrypted. */
  tables: Record<string, Array<Record<string, unknown>>>;
}

const archiveContext = (userId: string, exportId: string) => ({
  table: 'data_exports',
  column: `content:${exportId}`,
  userId,
});

export type BackgroundExport = Static<typeof BackgroundExportView>;

const viewOf = ({ userId: _owner, ...row }: DataExportMetadata): BackgroundExport => ({
  ...row,
  requestedAt: row.requestedAt.toISOString(),
  completedAt: row.completedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
});

const filesSize = (data: PersonalDataExport) =>
  (data.tables.documents ?? []).reduce((sum, row) => sum + Number(row.size ?? 0), 0);

/** The customer's right of access (DPDP Act s.11): everything Pehchan holds about them. */
export class PrivacyExportService {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      keys: UserKeyService;
      documents: DocumentService;
      auth: AuthService;
      limiter: RateLimiter;
      /** Background exports run as jobs; without a job system (JOBS_ENABLED=false) during the request. */
      jobs: Jobs | undefined;
      exportsPerDay: number;
      zipInlineMaxBytes: number;
    },
  ) {}

  /** One JSON document; documents appear as short-lived signed links. Rate limited and logged. */
  async exportJson(userId: string, client: ClientContext): Promise<PersonalDataExport> {
    await this.admit(userId);
    const data = await this.collect(userId);
    await this.deps.auth.recordAccountEvent(userId, 'data_exported', client);
    return data;
  }

  /** The JSON and every file (documents, selfies) in one ZIP, when the files are small enough to zip now. */
  async exportZip(userId: string, client: ClientContext): Promise<Buffer> {
    await this.admit(userId);
    const data = await this.collect(userId);
    const total = filesSize(data);
    if (total > this.deps.zipInlineMaxBytes) {
      throw new AppError(
        'export_too_large',
        `Your files total ${total} bytes, more than the ${this.deps.zipInlineMaxBytes} one download holds; ask for the ZIP with POST /v1/me/exports and it is prepared in the background.`,
      );
    }
    const archive = await this.archive(userId, data);
    await this.deps.auth.recordAccountEvent(userId, 'data_exported_zip', client);
    return archive;
  }

  /**
   * Asks for the ZIP to be built in the background, for accounts too large to zip during a request.
   * One at a time: asking again while one is being built returns it and spends no allowance.
   */
  async requestBackgroundZip(userId: string, client: ClientContext): Promise<BackgroundExport> {
    const repository = createDataExportRepository(this.db);
    const pending = await repository.pendingOf(userId);
    if (pending && Date.now() - pending.requestedAt.getTime() < PENDING_STALE_MS) return viewOf(pending);
    if (pending) await repository.markFailed(pending.id, 'The export did not finish; ask again.');
    await this.admit(userId);
    const created = await repository.insert(userId);
    if (!created) return viewOf((await repository.pendingOf(userId))!);
    await this.deps.auth.recordAccountEvent(userId, 'data_export_requested', client);
    if (this.deps.jobs)
      await this.deps.jobs.send(DATA_EXPORT_JOB, { exportId: created.id }, { singletonKey: created.id });
    else await this.buildBackgroundZip(created.id);
    return viewOf((await repository.find(created.id))!);
  }

  /** The job: builds the ZIP and stores it encrypted under the user's data key for DATA_EXPORT_TTL_DAYS. */
  async buildBackgroundZip(exportId: string): Promise<void> {
    const repository = createDataExportRepository(this.db);
    const row = await repository.find(exportId);
    // Built already, failed, or erased with the account since.
    if (row?.status !== 'pending') return;
    const data = await this.collect(row.userId);
    const total = filesSize(data);
    if (total > DATA_EXPORT_MAX_BYTES) {
      await repository.markFailed(
        exportId,
        `Your files total ${total} bytes, more than the ${DATA_EXPORT_MAX_BYTES} one archive holds; the JSON export links each file.`,
      );
      return;
    }
    const archive = await this.archive(row.userId, data);
    const dataKey = await this.deps.keys.find(this.db, row.userId);
    if (!dataKey) throw new Error(`no data key for the user of export ${exportId}`);
    const content = encryptBytes(dataKey, archive, archiveContext(row.userId, exportId));
    await repository.markReady(
      exportId,
      content,
      archive.length,
      new Date(Date.now() + DATA_EXPORT_TTL_DAYS * DAY_MS),
    );
  }

  /** One of the customer's background exports; another customer's is the same 404 as none. */
  async backgroundZip(userId: string, exportId: string): Promise<BackgroundExport> {
    return viewOf(await this.ownExport(userId, exportId));
  }

  /** The finished archive, decrypted; logged as a ZIP export. */
  async downloadBackgroundZip(userId: string, exportId: string, client: ClientContext): Promise<Buffer> {
    const row = await this.ownExport(userId, exportId);
    if (row.status !== 'ready')
      throw conflict(
        'export_not_ready',
        row.status === 'pending' ? 'The export is still being prepared' : `The export failed: ${row.failure}`,
      );
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) throw notFound('Export');
    const content = await createDataExportRepository(this.db).content(exportId);
    const dataKey = await this.deps.keys.find(this.db, userId);
    if (!content || !dataKey) throw notFound('Export');
    const archive = decryptBytes(dataKey, content, archiveContext(userId, exportId));
    await this.deps.auth.recordAccountEvent(userId, 'data_exported_zip', client);
    return archive;
  }

  /** Deletes background exports past their download window (the daily retention job). */
  async purgeExpiredBackgroundZips(now = new Date()): Promise<number> {
    return createDataExportRepository(this.db).deleteExpired(now);
  }

  private async ownExport(userId: string, exportId: string): Promise<DataExportMetadata> {
    const row = isUuid(exportId) ? await createDataExportRepository(this.db).find(exportId) : undefined;
    if (!row || row.userId !== userId) throw notFound('Export');
    return row;
  }

  private async archive(userId: string, data: PersonalDataExport): Promise<Buffer> {
    const files = [];
    for (const row of data.tables.documents ?? []) {
      const document = await this.deps.documents.read(String(row.id), { userId });
      files.push({ name: fileName(document.id, document.contentType), data: document.bytes });
    }
    const json = Buffer.from(JSON.stringify(data, null, 2), 'utf8');
    return zipArchive([{ name: 'pehchan-export.json', data: json }, ...files]);
  }

  private async admit(userId: string) {
    await this.deps.limiter.consume({
      key: `privacy-export:${userId}`,
      limit: this.deps.exportsPerDay,
      windowSeconds: DAY_MS / 1000,
    });
  }

  private async collect(userId: string): Promise<PersonalDataExport> {
    const repository = createPrivacyRepository(this.db);
    const dataKey = await this.deps.keys.find(this.db, userId);
    const tables: PersonalDataExport['tables'] = {};
    for (const entry of PERSONAL_TABLES) {
      const rows = await repository.exportRows(entry, userId);
      tables[entry.table] = rows.map((row) => readableRow(row, entry, userId, dataKey));
    }
    tables.documents = (tables.documents ?? []).map((row) => ({
      ...row,
      downloadUrl: this.deps.documents.signedUrl(String(row.id)),
    }));
    return { exportedAt: new Date().toISOString(), userId, processors: PROCESSORS, tables };
  }
}
