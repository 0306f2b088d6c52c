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
  const people = await staff.displayNames(ids.filter((id): id is string => id !== null));
  return new Map(
    [...people.values()].map((person) => [
      person.id,
      { id: person.id, name: person.role === 'customer' ? null : person.name },
    ]),
  );
}
