import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { SqlExecutor } from '../db/client.js';

export interface JobDefinition<Data extends object> {
  name: string;
  handler: (data: Data, context: { jobId: string }) => Promise<void>;
  /** Cron expression (UTC) when the job also runs on a schedule. */
  schedule?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Jobs of this queue one process runs at the same time. Default 1. */
  concurrency?: number;
  expireInSeconds?: number;
}

export interface SendOptions {
  /** At most one queued job per key: makes a send idempotent. */
  singletonKey?: string;
  startAfterSeconds?: number;
  /** Not before this time (instead of `startAfterSeconds`). */
  startAfter?: Date;
}

/** pg-boss reads a missing result as "no rows, nothing changed" (its own types do not say so). */
const NO_RESULT = null as unknown as { rows: [] };

/**
 * Background jobs on pg-boss, so they live in the same PostgreSQL (or PGlite) as the data: a job
 * enqueued inside a request survives a crash, runs once across processes, and resumes after restart.
 */
export class Jobs {
  private readonly boss: PgBoss;
  private readonly pollingIntervalSeconds: number;
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private prepared = false;
  /** Set by `stop`: pg-boss's late bookkeeping is dropped, and a job fetched too late is not run. */
  private stopped = false;

  constructor(
    sql: SqlExecutor,
    private readonly logger: FastifyBaseLogger,
    options: { pollingIntervalSeconds?: number; supervise?: boolean } = {},
  ) {
    this.pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;
    this.boss = new PgBoss({
      db: {
        // pg-boss does not await its complete/fail calls, and a poll already under way when it stops
        // can still hand a worker a job: after `stop` those would reach a closed database. Answering
        // nothing leaves such a job active in its table, and pg-boss retries it when it expires.
        executeSql: (text, values) =>
          this.stopped ? Promise.resolve(NO_RESULT) : sql.executeSql(text, values),
      },
      schema: 'pgboss',
      supervise: options.supervise ?? true,
      schedule: true,
      // The cron check runs once a minute in pg-boss; schedules are coarse by design.
      maintenanceIntervalSeconds: 120,
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'background job system error'));
  }

  define<Data extends object>(definition: JobDefinition<Data>): void {
    if (this.prepared) throw new Error(`job ${definition.name} defined after prepare()`);
    this.definitions.set(definition.name, definition as unknown as JobDefinition<object>);
  }

  /**
   * pg-boss's schema, maintenance and the queues: no job runs yet, so this can go on while the
   * application's own migrations are still being applied.
   */
  async prepare(): Promise<void> {
    await this.boss.start();
    this.prepared = true;
    for (const definition of this.definitions.values()) {
      await this.boss.createQueue(definition.name, {
        name: definition.name,
        retryLimit: definition.retryLimit ?? 5,
        retryDelay: definition.retryDelaySeconds ?? 10,
        retryBackoff: true,
        expireInSeconds: definition.expireInSeconds ?? 300,
      });
      if (definition.schedule)
        await this.boss.schedule(definition.name, definition.schedule, {}, { tz: 'UTC' });
    }
  }

  /** Starts the workers (after `prepare`, and after the migrations the handlers rely on). */
  async start(): Promise<void> {
    if (!this.prepared) throw new Error('jobs started before prepare()');
    for (const definition of this.definitions.values()) {
      // pg-boss runs one job per worker at a time; several workers give a queue its concurrency.
      for (let worker = 0; worker < (definition.concurrency ?? 1); worker++) {
        await this.boss.work<object>(
          definition.name,
          { pollingIntervalSeconds: this.pollingIntervalSeconds, batchSize: 1 },
          async (jobs) => {
            for (const job of jobs) {
              if (this.stopped)
                throw new Error(`job ${definition.name} fetched after the job system stopped`);
              this.logger.debug({ job: definition.name, jobId: job.id }, 'job started');
              await definition.handler(job.data, { jobId: job.id });
            }
          },
        );
      }
    }
  }

  async send(name: string, data: object, options: SendOptions = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    return this.boss.send(name, data, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    });
  }

  /** Waits for running handlers to finish (up to `timeoutMs`), then stops polling. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.prepared) return;
    this.prepared = false;
    await this.boss.stop({ graceful: true, close: false, timeout: timeoutMs, wait: true });
    this.stopped = true;
  }
}
