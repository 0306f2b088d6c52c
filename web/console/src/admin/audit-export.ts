import { api } from '../../../shared/src/api/client';
import { ProblemError, isProblem } from '../../../shared/src/lib/problems';
import type { AuditFilters } from './AuditPage';

export interface AuditExport {
  file: string;
  /** More entries matched than the export holds: narrow the filters. */
  truncated: boolean;
}

/**
 * Downloads the export through the API, so the bearer token goes with it (a plain link could not
 * carry it): the answer becomes a blob, and a temporary link to it saves the file under the name
 * the server gave.
 */
export async function downloadAuditExport(
  format: 'csv' | 'json',
  filters: AuditFilters,
): Promise<AuditExport> {
  const { data, error, response } = await api.GET('/v1/admin/audit/export', {
    params: { query: { format, ...filters } },
    parseAs: 'blob',
  });
  if (error !== undefined || !response.ok || !data)
    throw new ProblemError(isProblem(error) ? error : { status: response.status, code: 'internal_error' });
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  const file = named?.[1] ?? `audit.${format}`;
  const url = URL.createObjectURL(data);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The browser holds its own reference once the download has started.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return { file, truncated: response.headers.get('x-export-truncated') === 'true' };
}
