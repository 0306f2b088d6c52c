/* The checks of an update that need what is stored: echoed read-only fields, emptied sections, references, PAN. */
import type { Executor } from '../../db/client.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import { conflict } from '../../lib/errors.js';
import type { DocumentService } from '../documents/service.js';
import { createProfileRepository } from './repository.js';
import type { StoredProfile } from './repository.js';
import type { UpdateDataBody } from './schemas.js';
import { MASK, maskIdNumber } from './declaration-rules.js';
import type { StoredNomination } from './declaration-rules.js';
import type { DocumentInput, NormalisedUpdate, Section } from './sections.js';
import { FieldErrorCollector, pointer } from './validators.js';

export const panTaken = () =>
  conflict('pan_already_registered', 'This PAN is already registered to another account');

/** What the user's account holds now, as getDetails shows it. */
export interface CurrentAccount {
  _id: string;
  name: string;
  email: string;
  mobileNo: string;
  /** Only looked up when the request echoes it. */
  kycStatus: string | undefined;
}

/**
 * getDetails' account fields may come back unchanged (clients send its whole `data` back) but never change anything;
 * a section sent empty (null or []) is accepted only while nothing is stored in it.
 */
export function checkEchoedFields(
  body: UpdateDataBody,
  current: CurrentAccount,
  saved: (section: Section) => boolean,
  update: NormalisedUpdate,
) {
  const errors = new FieldErrorCollector();
  for (const name of ['_id', 'name', 'email', 'mobileNo', 'kycStatus'] as const) {
    if (body[name] !== undefined && body[name] !== current[name]) {
      errors.add(
        `/${name}`,
        'read_only',
        `${name} cannot be changed here; send it as getDetails returned it`,
      );
    }
  }
  for (const section of update.emptySections) {
    if (saved(section)) {
      errors.add(
        `/${section}`,
        'section_required',
        'A saved section cannot be emptied: send its new content, or leave it out to keep it',
      );
    }
  }
  errors.throwIfAny();
}

/**
 * A nominee's identity number sent back masked, as getDetails returned it, keeps the stored number: the stored
 * nominee at the same place must have the same idType and a number that masks to it.
 */
export function keepMaskedIdNumbers(
  update: NormalisedUpdate,
  current: { nominationDetails: StoredNomination | null },
) {
  const nomination = update.nominationDetails;
  if (!nomination || nomination.optOut) return;
  const stored =
    current.nominationDetails && !current.nominationDetails.optOut ? current.nominationDetails.nominees : [];
  const errors = new FieldErrorCollector();
  nomination.nominees.forEach((nominee, index) => {
    if (!nominee.idNumber?.includes(MASK)) return;
    const before = stored[index];
    if (
      before?.idNumber &&
      before.idType === nominee.idType &&
      maskIdNumber(before.idNumber) === nominee.idNumber
    )
      nominee.idNumber = before.idNumber;
    else
      errors.add(
        pointer('nominationDetails', 'nominees', index, 'idNumber'),
        'invalid_id_number',
        'Send the full number, or the masked value getDetails returned for this nominee',
      );
  });
  errors.throwIfAny();
}

/** Entry ids and document references must be the user's own; a PAN must not be someone else's. */
export async function checkReferences(
  executor: Executor,
  deps: { documents: DocumentService; keyRing: KeyRing },
  userId: string,
  stored: StoredProfile,
  update: NormalisedUpdate,
) {
  const errors = new FieldErrorCollector();
  const knownBanks = new Set(stored.banks.map((row) => row.id));
  update.bankDetails?.forEach((entry, index) => {
    if (entry._id !== undefined && !knownBanks.has(entry._id)) {
      errors.add(
        pointer('bankDetails', index, '_id'),
        'unknown_entry',
        'No bank account of yours has this _id',
      );
    }
  });
  const knownDemats = new Set(stored.demats.map((row) => row.id));
  update.dematDetails?.forEach((entry, index) => {
    if (entry._id !== undefined && !knownDemats.has(entry._id)) {
      errors.add(
        pointer('dematDetails', index, '_id'),
        'unknown_entry',
        'No demat account of yours has this _id',
      );
    }
  });
  const references = (update.dematDetails ?? []).map((entry, index) => ({
    path: pointer('dematDetails', index, 'clientMasterCopy'),
    kind: 'client_master_copy',
    document: entry.clientMasterCopy,
  }));
  references.push({
    path: '/tradingPreferences/incomeProof/document',
    kind: 'income_proof',
    document: update.tradingPreferences?.incomeProof?.document,
  });
  await checkDocumentReferences(executor, deps.documents, userId, references, errors);
  errors.throwIfAny();
  if (update.panDetails) {
    const candidates = deps.keyRing.blindIndexCandidates('pan', update.panDetails.panNumber);
    if (await createProfileRepository(executor).panHeldByOther(userId, candidates)) throw panTaken();
  }
}

/** Each referenced document must be the user's own, of the kind the field takes. */
async function checkDocumentReferences(
  executor: Executor,
  documents: DocumentService,
  userId: string,
  fields: Array<{ path: string; kind: string; document: DocumentInput | undefined }>,
  errors: FieldErrorCollector,
) {
  const referenced = fields.flatMap((each) =>
    each.document && 'reference' in each.document ? [{ ...each, id: each.document.reference }] : [],
  );
  if (referenced.length === 0) return;
  const owned = await documents.findOwned(
    executor,
    userId,
    referenced.map((each) => each.id),
  );
  const usable = new Set(owned.map((doc) => `${doc.kind}/${doc.id}`));
  for (const each of referenced) {
    if (!usable.has(`${each.kind}/${each.id}`))
      errors.add(each.path, 'unknown_document', 'No document of yours has this _id');
  }
}
