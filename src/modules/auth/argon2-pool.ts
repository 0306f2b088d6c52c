import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Parameters of a hash, as @node-rs/argon2 takes them. */
export interface Argon2Options {
  algorithm: number;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

type Job =
  | { kind: 'hash'; password: string; options: Argon2Options }
  | { kind: 'verify'; hash: string; password: string };

interface Pending {
  resolve(value: string | boolean): void;
  reject(error: Error): void;
}

// CommonJS run by each worker: it hashes its messages one after the other with the synchronous calls, so a
// worker that finishes a hash starts the next one queued on its port without waiting for the main thread.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const argon2 = require(workerData.argon2);
parentPort.on('message', ({ id, job }) => {
  try {
    const value = job.kind === 'hash'
      ? argon2.hashSync(job.password, job.options)
      : argon2.verifySync(job.hash, job.password);
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

class HashWorker {
  readonly pending = new Map<number, Pending>();
  private readonly worker: Worker;

  constructor(argon2Path: string, onExit: (worker: HashWorker) => void) {
    // No execArgv inherited: the source is CommonJS whatever flags (a loader, --input-type) the process has.
    this.worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { argon2: argon2Path } });
    this.worker.on(
      'message',
      ({ id, value, error }: { id: number; value?: string | boolean; error?: string }) => {
        const pending = this.pending.get(id);
        if (!pending) return;
        this.pending.delete(id);
        if (this.pending.size === 0) this.worker.unref();
        if (error === undefined) pending.resolve(value!);
        else pending.reject(new Error(error));
      },
    );
    // A worker that fails (out of memory, say) exits next: its jobs fail then, once it is out of the pool.
    let failure: Error | undefined;
    this.worker.on('error', (error) => (failure = error));
    this.worker.on('exit', (code) => {
      onExit(this);
      this.fail(failure ?? new Error(`argon2 worker stopped (exit code ${code})`));
    });
    // Idle workers never keep the process alive; one with work in flight does, as a pending hash would.
    // After the listeners: adding a 'message' listener refs the worker's port again.
    this.worker.unref();
  }

  run(id: number, job: Job, pending: Pending): void {
    this.pending.set(id, pending);
    this.worker.ref();
    this.worker.postMessage({ id, job });
  }

  private fail(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/** Jobs that may wait per thread beyond the two handed to it: about 0.7-1.6 s of hashing on the benchmark's VM. */
const WAITING_PER_THREAD = 128;

/** Refused because `maxWaiting` jobs already wait: the caller answers 503 rather than queue without end. */
export class HashQueueFull extends Error {
  constructor() {
    super('Too many password hashes are waiting');
  }
}

/**
 * argon2id on `size` worker threads of its own (PASSWORD_HASH_THREADS in the service), each given up to two
 * jobs: the second waits on the worker's port and starts the moment the first ends. On libuv's thread pool
 * every next hash waited for the main thread to see the last one finish and queue it, and the cores idled
 * meanwhile (5-6 % of a login load on two cores); the synchronous part of each call, about 0.3 ms, also ran
 * on the main thread. Jobs beyond two per worker wait here, first come first served, up to `maxWaiting`; a
 * job beyond that is refused at once with HashQueueFull, so a flood of sign-ins cannot make every login wait
 * longer and longer (and hold its request) until clients time out. A worker that dies fails its jobs and is
 * replaced.
 */
export class Argon2Pool {
  private readonly workers: HashWorker[] = [];
  private readonly queue: Array<{ id: number; job: Job; pending: Pending }> = [];
  private nextId = 0;

  constructor(
    private readonly size = availableParallelism(),
    private readonly perWorker = 2,
    /** The module the workers hash with: @node-rs/argon2, or a stand-in in tests. */
    private readonly argon2Path = createRequire(import.meta.url).resolve('@node-rs/argon2'),
    private readonly maxWaiting = size * WAITING_PER_THREAD,
  ) {}

  hash(password: string, options: Argon2Options): Promise<string> {
    return this.submit({ kind: 'hash', password, options }) as Promise<string>;
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.submit({ kind: 'verify', hash, password }) as Promise<boolean>;
  }

  private submit(job: Job): Promise<string | boolean> {
    if (this.queue.length >= this.maxWaiting) return Promise.reject(new HashQueueFull());
    return new Promise((resolve, reject) => {
      const settle = {
        resolve: (value: string | boolean) => {
          resolve(value);
          this.dispatch();
        },
        reject: (error: Error) => {
          reject(error);
          this.dispatch();
        },
      };
      this.queue.push({ id: this.nextId++, job, pending: settle });
      this.dispatch();
    });
  }

  /** Hands queued jobs to the least busy worker with room, starting another while all are busy. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      let worker = this.workers.reduce<HashWorker | undefined>(
        (least, candidate) => (!least || candidate.pending.size < least.pending.size ? candidate : least),
        undefined,
      );
      if ((!worker || worker.pending.size > 0) && this.workers.length < this.size) {
        worker = new HashWorker(this.argon2Path, (gone) => this.replace(gone));
        this.workers.push(worker);
      }
      if (!worker || worker.pending.size >= this.perWorker) return;
      const { id, job, pending } = this.queue.shift()!;
      worker.run(id, job, pending);
    }
  }

  private replace(gone: HashWorker): void {
    const index = this.workers.indexOf(gone);
    if (index !== -1) this.workers.splice(index, 1);
    this.dispatch();
  }
}
