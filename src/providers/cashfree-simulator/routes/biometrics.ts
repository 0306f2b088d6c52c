import type { FastifyRequest } from 'fastify';
import {
  bodyOf,
  duplicateVerificationId,
  missing,
  stringField,
  validationError,
  verificationIdOf,
  type DefineRoute,
  type SimulatorContext,
} from '../http.js';
import {
  UnsupportedImageError,
  analyzeImage,
  faceMatchOutcome,
  livelinessOutcome,
  type ImageAnalysis,
} from '../images.js';
import { compareNames } from '../names.js';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

interface Multipart {
  fields: Record<string, unknown>;
  files: Record<string, Buffer>;
}

export async function readMultipart(request: FastifyRequest): Promise<Multipart> {
  if (!request.isMultipart())
    throw validationError('invalid_request', 'Content-Type should be multipart/form-data.');
  const fields: Record<string, unknown> = {};
  const files: Record<string, Buffer> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') files[part.fieldname] = await part.toBuffer();
      else fields[part.fieldname] = part.value;
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw validationError('file_size_exceeded', 'File size exceeded 10MB limit');
    }
    throw error;
  }
  return { fields, files };
}

async function imageOf(
  files: Record<string, Buffer>,
  field: string,
  missingError: Error,
): Promise<ImageAnalysis> {
  const image = files[field];
  if (!image || image.length === 0) throw missingError;
  try {
    return await analyzeImage(image);
  } catch (error) {
    if (error instanceof UnsupportedImageError) {
      throw validationError('file_format_invalid', 'please upload the file of valid format(jpeg/jpg/png)');
    }
    throw error;
  }
}

function nameOf(body: Record<string, unknown>, field: string): string {
  const value = stringField(body, field);
  if (value === undefined) throw missing(field);
  if (value.trim() === '')
    throw validationError(`${field}_value_invalid`, `${field} is not allowed to be empty.`);
  return value;
}

export function registerBiometricRoutes(define: DefineRoute, { state }: SimulatorContext): void {
  define('POST', '/liveliness', async (request, call) => {
    const { fields, files } = await readMultipart(request);
    const verification_id = verificationIdOf(fields);
    call.verificationId = verification_id;
    const analysis = await imageOf(
      files,
      'image',
      validationError('image_field_missing', 'image is missing in the request.'),
    );
    const strictCheck = stringField(fields, 'strict_check');
    if (strictCheck !== undefined && strictCheck !== 'true' && strictCheck !== 'false') {
      throw validationError('strict_check_value_invalid', 'strict_check should be a boolean.');
    }
    if (!state.claimVerificationId('/liveliness', verification_id)) throw duplicateVerificationId();
    const outcome = livelinessOutcome(analysis, { strict: strictCheck === 'true' });
    return { body: { reference_id: state.newReferenceId(), verification_id, ...outcome } };
  });

  // The newer liveness endpoint (the one Cashfree's npm SDK covers): same judgement, its own field names.
  define('POST', '/face-liveness', async (request, call) => {
    const { fields, files } = await readMultipart(request);
    const verification_id = verificationIdOf(fields);
    call.verificationId = verification_id;
    const analysis = await imageOf(
      files,
      'image',
      validationError('image_field_missing', 'image is missing in the request.'),
    );
    if (!state.claimVerificationId('/face-liveness', verification_id)) throw duplicateVerificationId();
    const outcome = livelinessOutcome(analysis, { strict: true });
    return {
      body: {
        reference_id: state.newReferenceId(),
        verification_id,
        status: outcome.status,
        liveness: outcome.liveliness,
        liveness_score: outcome.score,
      },
    };
  });

  define('POST', '/face-match', async (request, call) => {
    const { fields, files } = await readMultipart(request);
    const verification_id = verificationIdOf(fields);
    call.verificationId = verification_id;
    const first = await imageOf(
      files,
      'first_image',
      validationError('first_image_missing', 'First image is missing in the request'),
    );
    const second = await imageOf(
      files,
      'second_image',
      validationError('second_image_missing', 'Second image is missing in the request'),
    );
    const thresholdField = stringField(fields, 'threshold');
    const threshold = thresholdField === undefined ? 0.75 : Number(thresholdField);
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
      throw validationError('threshold_value_invalid', 'threshold should be between 0 and 1.');
    }
    if (!state.claimVerificationId('/face-match', verification_id)) throw duplicateVerificationId();
    return {
      body: {
        ref_id: state.newReferenceId(),
        verification_id,
        ...faceMatchOutcome(first, second, threshold),
      },
    };
  });

  define('POST', '/name-match', async (request, call) => {
    const body = bodyOf(request);
    const verification_id = verificationIdOf(body);
    call.verificationId = verification_id;
    const name_1 = nameOf(body, 'name_1');
    const name_2 = nameOf(body, 'name_2');
    if (!state.claimVerificationId('/name-match', verification_id)) throw duplicateVerificationId();
    const { score, reason } = compareNames(name_1, name_2);
    return {
      body: {
        verification_id,
        reference_id: state.newReferenceId(),
        name_1,
        name_2,
        status: 'SUCCESS',
        score,
        reason,
      },
    };
  });
}
