import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { inspectPdf } from './pdf-inspect.js';
import type { PdfJob, PdfWorkerReply } from './pdf-refusals.js';

// The worker thread that parses uploaded PDFs (see pdf-sandbox.ts), one document after another. Its heap is capped by
// the resourceLimits it was started with, and the request side terminates it past the time limit.

// pdf-lib reports every object it cannot parse on the console: noise an uploader controls.
console.warn = () => {};

parentPort!.on('message', (job: PdfJob) => {
  void inspectPdf(job).then((answer) => {
    const reply: PdfWorkerReply = {
      answer,
      reusable: getHeapStatistics().used_heap_size < (job.limits.maxHeapMb * 1024 * 1024) / 4,
    };
    const transfer = 'accepted' in answer ? [answer.accepted.buffer as ArrayBuffer] : [];
    parentPort!.postMessage(reply, transfer);
  });
});
