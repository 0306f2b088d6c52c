// Why a PDF was refused: shared by the worker that inspects it and the request that answers. No imports, so the
// request side does not load pdf-lib.

/** Active content that is refused with 415. */
export type PdfHazard =
  'pdf_javascript' | 'pdf_launch_action' | 'pdf_embedded_file' | 'pdf_external_action' | 'pdf_active_content';

export type PdfRefusal =
  PdfHazard | 'pdf_encrypted' | 'pdf_unreadable' | 'document_too_complex' | 'too_many_pages';

export const PDF_REFUSALS: Record<PdfRefusal, { status: 400 | 415; message: string }> = {
  pdf_javascript: { status: 415, message: 'PDFs containing JavaScript are not accepted' },
  pdf_launch_action: { status: 415, message: 'PDFs with actions that launch programs are not accepted' },
  pdf_embedded_file: { status: 415, message: 'PDFs with embedded or attached files are not accepted' },
  pdf_external_action: {
    status: 415,
    message: 'PDFs with links or actions that open other files, submit forms or import data are not accepted',
  },
  pdf_active_content: {
    status: 415,
    message: 'PDFs with multimedia, 3D content or viewer commands are not accepted',
  },
  pdf_encrypted: { status: 415, message: 'Encrypted or password-protected PDFs are not accepted' },
  pdf_unreadable: { status: 400, message: 'PDF is damaged or not a PDF document' },
  document_too_complex: {
    status: 400,
    message: 'PDF is too complex to check (too many objects, too much compressed data or too slow to read)',
  },
  // The limit is in the message built by the caller.
  too_many_pages: { status: 400, message: 'PDF has too many pages' },
};

/** What the worker is allowed to spend on one document. */
export interface PdfLimits {
  /** Indirect objects parsed, object streams included. */
  maxObjects: number;
  /** Bytes one decoding step (one filter of one stream) may produce. */
  maxStreamBytes: number;
  /** Bytes all decoding steps of the document may produce together. */
  maxInflatedBytes: number;
  /** Wall-clock time for the whole check, from the worker's start to its answer. */
  timeoutMs: number;
  /** The worker's V8 heap (old generation); buffers are bounded by the two inflate limits instead. */
  maxHeapMb: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxObjects: 10_000,
  maxStreamBytes: 10 * 1024 * 1024,
  maxInflatedBytes: 50 * 1024 * 1024,
  timeoutMs: 10_000,
  maxHeapMb: 128,
};

/** The worker's question and answers. */
export interface PdfJob {
  bytes: Uint8Array;
  maxPages: number;
  limits: PdfLimits;
}

export type PdfAnswer = { accepted: Uint8Array } | { refused: PdfRefusal };

export interface PdfWorkerReply {
  answer: PdfAnswer;
  /**
   * False once the worker's heap holds much after a document. pdf-lib interns every name and object reference in
   * process-wide caches that never shrink, so a worker that served many or large documents is replaced.
   */
  reusable: boolean;
}
