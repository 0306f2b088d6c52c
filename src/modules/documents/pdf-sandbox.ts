import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { serviceUnavailable } from '../../lib/errors.js';
import type { PdfAnswer, PdfJob, PdfLimits, PdfWorkerReply } from './pdf-refusals.js';

// PDFs are parsed in worker threads, never on the event loop: a hostile file costs at most one worker's capped heap,
// the inflate budget in buffers, and the time limit, and then the worker is thrown away.

/**
 * In the build this module is bundled into a file of dist/, beside the worker's own entry point dist/pdf-worker.js
 * (scripts/build.mjs). Under tsx or vitest it is src/modules/documents/pdf-sandbox.ts, and the worker is TypeScript:
 * Node 20 does not apply `--import tsx` to a worker's entry module, so a bootstrap registers tsx's loader first.
 */
function workerEntry(): { entry: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts'))
    return { entry: new URL('./pdf-worker.js', import.meta.url), eval: false };
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const worker = fileURLToPath(new URL('./pdf-worker.ts', import.meta.url));
  return {
    entry: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(worker)});`,
    eval: true,
  };
}
const WORKER = workerEntry();

/** Workers at once: parsing is CPU-bound, and each one may hold its heap limit plus the inflate budget. */
const MAX_WORKERS = Math.max(1, Math.min(4, availableParallelism()));
/** Documents waiting for a worker; past this, 503 rather than holding ever more request bodies in memory. */
const MAX_WAITING = 32;
/** An idle worker is kept this long for the next document, then ended, so its heap is given back. */
const IDLE_MS = 5_000;
/** Documents one worker checks before it is replaced (see PdfWorkerReply.reusable). */
const MAX_JOBS_PER_WORKER = 50;

/** A worker that ended past a limit or broke: the document is refused as too complex or unreadable. */
export type PdfWorkerFailure = 'document_too_complex' | 'pdf_unreadable';

interface PooledWorker {
  worker: Worker;
  maxHeapMb: number;
  jobs: number;
}

interface IdleWorker extends PooledWorker {
  timer: NodeJS.Timeout;
}

let running = 0;
const waiting: Array<() => void> = [];
const idle: IdleWorker[] = [];

async function acquireSlot(): Promise<void> {
  if (running < MAX_WORKERS) {
    running++;
    return;
  }
  if (waiting.length >= MAX_WAITING)
    throw serviceUnavailable('Too many documents are being checked, try again');
  // The finishing job hands its slot over, so `running` stays as it is.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function releaseSlot() {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function takeWorker(maxHeapMb: number): PooledWorker {
  const index = idle.findIndex((entry) => entry.maxHeapMb === maxHeapMb);
  if (index >= 0) {
    const { timer, ...pooled } = idle.splice(index, 1)[0]!;
    clearTimeout(timer);
    return pooled;
  }
  const worker = new Worker(WORKER.entry, {
    eval: WORKER.eval,
    resourceLimits: {
      maxOldGenerationSizeMb: maxHeapMb,
      maxYoungGenerationSizeMb: Math.max(4, Math.ceil(maxHeapMb / 8)),
      stackSizeMb: 4,
    },
  });
  // A failure during a job is answered by runInWorker; one while idle only drops the worker.
  worker.on('error', () => {});
  worker.once('exit', () => {
    const index = idle.findIndex((entry) => entry.worker === worker);
    if (index >= 0) clearTimeout(idle.splice(index, 1)[0]!.timer);
  });
  return { worker, maxHeapMb, jobs: 0 };
}

function keepWorker(pooled: PooledWorker) {
  const entry: IdleWorker = {
    ...pooled,
    timer: setTimeout(() => {
      idle.splice(idle.indexOf(entry), 1);
      void pooled.worker.terminate();
    }, IDLE_MS),
  };
  // Idle workers must not keep the process alive.
  entry.timer.unref();
  pooled.worker.unref();
  idle.push(entry);
}

/**
 * Runs one document through a worker. The worker is reused only after a normal answer that left little in its heap;
 * past the time limit it is terminated, and after running out of heap it has ended already.
 */
function runInWorker(pooled: PooledWorker, job: PdfJob): Promise<PdfAnswer | PdfWorkerFailure> {
  const { worker } = pooled;
  return new Promise((resolve) => {
    worker.ref();
    const finish = (outcome: PdfAnswer | PdfWorkerFailure, reuse: boolean) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (reuse && ++pooled.jobs < MAX_JOBS_PER_WORKER) keepWorker(pooled);
      else void worker.terminate();
      resolve(outcome);
    };
    const onMessage = (reply: PdfWorkerReply) => finish(reply.answer, reply.reusable);
    const onError = (error: Error & { code?: string }) =>
      finish(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'document_too_complex' : 'pdf_unreadable', false);
    const onExit = () => finish('pdf_unreadable', false);
    const timer = setTimeout(() => finish('document_too_complex', false), job.limits.timeoutMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    // A copy of the bytes, handed over rather than copied again.
    const bytes = new Uint8Array(job.bytes);
    worker.postMessage({ ...job, bytes }, [bytes.buffer]);
  });
}

/** Checks and re-serialises a PDF in a worker thread within `limits`. */
export async function checkPdfInWorker(
  bytes: Uint8Array,
  maxPages: number,
  limits: PdfLimits,
): Promise<PdfAnswer | PdfWorkerFailure> {
  await acquireSlot();
  try {
    return await runInWorker(takeWorker(limits.maxHeapMb), { bytes, maxPages, limits });
  } finally {
    releaseSlot();
  }
}
