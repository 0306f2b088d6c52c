import { AppError } from '../../lib/errors.js';
import type { StaffService } from '../staff/service.js';
import type { StaffView } from '../staff/schemas.js';

export interface Assignee {
  id: string;
  /** Null when the account is no longer staff. */
  name: string | null;
}

/** The staff member, or undefined when the id is not a staff account (names are encrypted: read through StaffService). */
export async function findStaff(staff: StaffService, id: string): Promise<StaffView | undefined> {
  try {
    return await staff.get(id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return undefined;
    throw error;
  }
}

/** Names the holders of a page of cases, each staff member once. */
export async function assigneesOf(
  staff: StaffService,
  ids: ReadonlyArray<string | null>,
): Promise<Map<string, Assignee>> {
  const distinct = [...new Set(ids.filter((id): id is string => id !== null))];
  const found = await Promise.all(distinct.map((id) => findStaff(staff, id)));
  return new Map(distinct.map((id, index) => [id, { id, name: found[index]?.name ?? null }]));
}
