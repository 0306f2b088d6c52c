import { createHash } from 'node:crypto';
import { DEFAULT_REGISTERED_NAME, PAN_PATTERN, lookupPan, panHolderType, type PanRecord } from '../data.js';
import {
  bodyOf,
  duplicateVerificationId,
  requiredString,
  stringField,
  validationError,
  verificationIdOf,
  type DefineRoute,
  type RouteHandler,
  type SimulatorContext,
} from '../http.js';
import { compareNames } from '../names.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function panOf(body: Record<string, unknown>): string {
  const pan = requiredString(body, 'pan').trim().toUpperCase();
  if (!PAN_PATTERN.test(pan)) throw validationError('pan_length_short', 'Enter valid PAN.');
  return pan;
}

function seeding(record: PanRecord): {
  aadhaar_seeding_status: string | null;
  aadhaar_seeding_status_desc: string | null;
} {
  if (panHolderType(record.pan) !== 'Individual') {
    return { aadhaar_seeding_status: 'NA', aadhaar_seeding_status_desc: 'Aadhar Seeding is not Applicable' };
  }
  if (record.aadhaarLinked === null)
    return { aadhaar_seeding_status: null, aadhaar_seeding_status_desc: null };
  return record.aadhaarLinked
    ? { aadhaar_seeding_status: 'Y', aadhaar_seeding_status_desc: 'Aadhaar is linked to PAN' }
    : { aadhaar_seeding_status: 'R', aadhaar_seeding_status_desc: 'Aadhaar is not linked to PAN' };
}

/** `YYYY-MM-DD` → `DD-MM-YYYY`, the form PAN 360 answers with. */
function dayFirst(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}-${month}-${year}`;
}

/** The Aadhaar linked to a PAN, masked as PAN 360 gives it (exported for tests that need the same holder's Aadhaar). */
export function maskedAadhaar(pan: string): string {
  const digits = createHash('sha256').update(pan).digest().readUInt16BE(0) % 10_000;
  return `XXXXXXXX${String(digits).padStart(4, '0')}`;
}

const PAN_STATUS: Record<PanRecord['state'], string> = {
  VALID: 'VALID',
  NOT_FOUND: 'INVALID',
  FAKE: 'INVALID',
  DELETED: 'DELETED',
  DEACTIVATED: 'DEACTIVATED',
};

const LITE_STATUS: Record<PanRecord['state'], string> = {
  VALID: 'E',
  NOT_FOUND: 'N',
  FAKE: 'F',
  DELETED: 'D',
  DEACTIVATED: 'X',
};

export function registerPanRoutes(define: DefineRoute, { state }: SimulatorContext): void {
  const verifyPan: RouteHandler = async (request) => {
    const body = bodyOf(request);
    const pan = panOf(body);
    const name = stringField(body, 'name');
    const record = lookupPan(pan, name);
    const reference_id = state.newReferenceId();
    const name_provided = name ? name.toUpperCase() : null;
    if (record.state !== 'VALID') {
      return {
        body: {
          pan,
          reference_id,
          name_provided,
          valid: false,
          message: 'Invalid PAN',
          name_match_score: 0,
          name_match_result: '-',
          pan_status: PAN_STATUS[record.state],
        },
      };
    }
    const comparison = name ? compareNames(name, record.name) : undefined;
    return {
      body: {
        pan,
        type: panHolderType(pan),
        reference_id,
        name_provided,
        registered_name: record.name,
        valid: true,
        father_name: record.fatherName,
        message: 'PAN verified successfully',
        name_match_score: comparison ? (comparison.score * 100).toFixed(2) : null,
        name_match_result: comparison ? comparison.result : null,
        ...seeding(record),
        last_updated_at: '01/01/2019',
        name_pan_card: record.name,
        pan_status: 'VALID',
      },
    };
  };

  define('POST', '/pan', async (request, call) => {
    const answer = await verifyPan(request, call);
    const body = answer.body as { reference_id: number };
    state.panResults.set(body.reference_id, body);
    return answer;
  });

  // An earlier /pan answer by Cashfree's reference id: /pan takes no verification id of ours.
  define('GET', '/pan/:reference_id', async (request) => {
    const raw = (request.params as { reference_id: string }).reference_id;
    if (!/^\d+$/.test(raw))
      throw validationError('reference_id_value_invalid', 'reference_id should be a number.');
    const answer = state.panResults.get(Number(raw));
    if (!answer) throw validationError('reference_id_not_found', 'reference_id does not exist.', 404);
    return { body: answer };
  });

  define('POST', '/pan/advance', async (request, call) => {
    const body = bodyOf(request);
    const verification_id = verificationIdOf(body);
    call.verificationId = verification_id;
    const pan = panOf(body);
    const name = stringField(body, 'name');
    if (!state.claimVerificationId('/pan/advance', verification_id)) throw duplicateVerificationId();
    const record = lookupPan(pan, name);
    const reference_id = state.newReferenceId();
    const name_provided = name ? name.toUpperCase() : null;
    if (record.state !== 'VALID') {
      return {
        body: {
          status: 'INVALID',
          message: 'Invalid PAN',
          reference_id,
          verification_id,
          name_provided,
          pan,
        },
      };
    }
    const words = record.name.split(' ');
    return {
      body: {
        status: 'VALID',
        message: 'PAN verified successfully',
        reference_id,
        verification_id,
        name_provided,
        pan,
        registered_name: record.name,
        name_pan_card: record.name,
        first_name: words[0] ?? '',
        last_name: words.length > 1 ? (words.at(-1) ?? '') : '',
        type: panHolderType(pan) === 'Individual' ? 'Individual or Person' : panHolderType(pan),
        gender: record.gender,
        date_of_birth: dayFirst(record.dob),
        masked_aadhaar_number: record.aadhaarLinked ? maskedAadhaar(pan) : null,
        email: record.name === DEFAULT_REGISTERED_NAME ? 'test.user@example.com' : null,
        mobile_number: '9999999999',
        aadhaar_linked: record.aadhaarLinked,
        address: {
          full_address: '12 LINKING ROAD, SANTACRUZ WEST 400054 MUMBAI MAHARASHTRA INDIA',
          street: 'LINKING ROAD',
          city: 'MUMBAI',
          state: 'MAHARASHTRA',
          pincode: 400054,
          country: 'India',
        },
      },
    };
  });

  define('POST', '/pan-lite', async (request, call) => {
    const body = bodyOf(request);
    const verification_id = verificationIdOf(body);
    call.verificationId = verification_id;
    const pan = panOf(body);
    const name = requiredString(body, 'name');
    const dob = requiredString(body, 'dob');
    if (!DATE.test(dob) || Number.isNaN(Date.parse(dob))) {
      throw validationError('dob_value_invalid', 'dob should be of type YYYY-MM-DD.');
    }
    if (!state.claimVerificationId('/pan-lite', verification_id)) throw duplicateVerificationId();
    const record = lookupPan(pan, name, dob);
    const base = { verification_id, reference_id: state.newReferenceId(), pan, name, dob };
    if (record.state !== 'VALID') {
      return {
        body: {
          ...base,
          name_match: null,
          dob_match: null,
          pan_status: LITE_STATUS[record.state],
          status: 'INVALID',
          aadhaar_seeding_status: null,
          aadhaar_seeding_status_desc: null,
        },
      };
    }
    const nameMatches = ['DIRECT_MATCH', 'GOOD_PARTIAL_MATCH'].includes(
      compareNames(name, record.name).result,
    );
    return {
      body: {
        ...base,
        name_match: nameMatches ? 'Y' : 'N',
        dob_match: record.dob === dob ? 'Y' : 'N',
        pan_status: 'E',
        status: 'VALID',
        ...seeding(record),
      },
    };
  });
}
