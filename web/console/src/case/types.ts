import type { paths } from '../../../../openapi/schema';

type CaseDetail =
  paths['/v1/review/cases/{caseId}']['get']['responses'][200]['content']['application/json']['data'];

export interface Person {
  id: string;
  name: string | null;
}

export type Decision = 'approve' | 'reject' | 'request_changes';

/** A four-eyes proposal awaiting a second reviewer (the review contract in COMMON.md). */
export interface Proposal {
  decision: Decision;
  reasonCodes: string[];
  userMessage: string | null;
  internalNote: string | null;
  by: Person;
  at: string;
}

export interface ReviewNote {
  id: string;
  text: string;
  author: Person;
  at: string;
}

export interface ReviewTemplate {
  id: string;
  name: string;
  decision: Decision;
  reasonCodes: string[];
  message: string;
}

export type RevealField = 'panNumber' | 'bankAccountNumber' | 'dematAccountNumber';

/**
 * The case view as the review contract (COMMON.md) describes it: the current schema's fields plus the
 * holder, read-only flag, notes, proposal, history actors and documents' content types.
 */
export interface CaseView extends Omit<CaseDetail, 'documents' | 'history'> {
  readOnly?: boolean;
  assignee?: Person | null;
  notes?: ReviewNote[];
  proposal?: Proposal | null;
  documents: (CaseDetail['documents'][number] & { contentType?: string })[];
  history: (CaseDetail['history'][number] & { actor?: (Person & { role: string }) | null })[];
}

/** The submitted profile's parts the case page shows (identity numbers arrive masked). */
export interface Snapshot {
  panDetails?: { panNumber?: string; name?: string; dateOfBirth?: string } | null;
  bankDetails?: { bankName?: string; bankAccountNumber?: string; ifscCode?: string }[];
  dematDetails?: { depository?: string; dpID?: string; clientID?: string }[];
  [section: string]: unknown;
}
