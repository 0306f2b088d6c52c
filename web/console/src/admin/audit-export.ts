import { api, call } from '../../../shared/src/api/client';
import type { AuditFilters } from './AuditPage';

/**
 * Downloads the export through the API, so the bearer token goes with it (a plain link could not
 * carry it): the answer becomes a blob, and a temporary link to it saves the file.
 */
export async function downloadAuditExport(format: 'csv' | 'json', filters: AuditFilters): Promise<string> {
  const blob = await call(
    api.GET('/v1/admin/audit/export', { params: { query: { format, ...filters } }, parseAs: 'blob' }),
  );
  const file = `pehchan-audit-${new Date().toISOString().slice(0, 10)}.${format}`;
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click the browser holds its own reference to the download.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return file;
}
