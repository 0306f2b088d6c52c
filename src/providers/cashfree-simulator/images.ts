import { createHash } from 'node:crypto';
import { loadSharp } from '../../lib/sharp.js';

/*
 * Image outcomes depend on pixels only, since uploads are re-encoded and stripped of metadata
 * before they reach Cashfree. The rules (documented in docs/cashfree-simulator.md):
 * - mean per-channel standard deviation below 10 (a near-uniform picture): no face;
 * - width at least twice the height (a group shot): several faces;
 * - deviation below 30 (flat, low contrast, like a photo of a photo): a face that is not live;
 * - otherwise a live face.
 * Scores come from a hash of a 16×16 greyscale thumbnail, so the same pixels always score the same.
 * Face match compares average hashes of that thumbnail (256 bits, one per pixel: brighter than the
 * mean or not). Unrelated pictures agree on about half the bits by chance, so the score is the
 * agreement beyond chance: 2 × (agreeing bits / 256) − 1, at least 0.
 */

export const NO_FACE_MAX_STDEV = 10;
export const NOT_LIVE_MAX_STDEV = 30;
const MAX_PIXELS = 50_000_000;

export type FaceFinding = 'NO_FACE' | 'MULTIPLE_FACES' | 'FLAT_FACE' | 'LIVE_FACE';

export interface ImageAnalysis {
  format: 'jpeg' | 'png';
  width: number;
  height: number;
  stdev: number;
  finding: FaceFinding;
  /** 0–1 from the thumbnail hash. */
  unit: number;
  /** 256-bit average hash of the 16×16 greyscale thumbnail, for face match. */
  averageHash: bigint;
}

export class UnsupportedImageError extends Error {}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

function isPng(bytes: Uint8Array): boolean {
  return bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

export async function analyzeImage(bytes: Buffer): Promise<ImageAnalysis> {
  const format = isJpeg(bytes) ? 'jpeg' : isPng(bytes) ? 'png' : undefined;
  if (!format) throw new UnsupportedImageError('not a JPEG or PNG');
  const sharp = await loadSharp();
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_PIXELS });
    const [metadata, stats] = await Promise.all([image.metadata(), image.stats()]);
    const colour = stats.channels.slice(0, Math.min(3, stats.channels.length));
    const stdev = colour.reduce((sum, channel) => sum + channel.stdev, 0) / Math.max(1, colour.length);
    const thumbnail = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
      .greyscale()
      .resize(16, 16, { fit: 'fill' })
      .raw()
      .toBuffer();
    const unit = createHash('sha256').update(thumbnail).digest().readUInt32BE(0) / 4_294_967_296;
    const width = metadata.width ?? 0;
    const height = metadata.height ?? 0;
    return {
      format,
      width,
      height,
      stdev,
      finding: findingFor(stdev, width, height),
      unit,
      averageHash: averageHash(thumbnail),
    };
  } catch (error) {
    throw new UnsupportedImageError(error instanceof Error ? error.message : 'undecodable image');
  }
}

function findingFor(stdev: number, width: number, height: number): FaceFinding {
  if (stdev < NO_FACE_MAX_STDEV) return 'NO_FACE';
  if (height > 0 && width >= 2 * height) return 'MULTIPLE_FACES';
  if (stdev < NOT_LIVE_MAX_STDEV) return 'FLAT_FACE';
  return 'LIVE_FACE';
}

function averageHash(pixels: Buffer): bigint {
  const mean = pixels.reduce((sum, value) => sum + value, 0) / pixels.length;
  let hash = 0n;
  for (const value of pixels) hash = (hash << 1n) | (value >= mean ? 1n : 0n);
  return hash;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export interface LivelinessOutcome {
  status: 'SUCCESS' | 'FACE_NOT_DETECTED' | 'MULTIPLE_FACE_DETECTED';
  liveliness: boolean;
  score: number;
}

export function livelinessOutcome(
  analysis: ImageAnalysis,
  { strict }: { strict: boolean },
): LivelinessOutcome {
  switch (analysis.finding) {
    case 'NO_FACE':
      return { status: 'FACE_NOT_DETECTED', liveliness: false, score: 0 };
    case 'MULTIPLE_FACES':
      // Without strict_check the most prominent face is judged; with it, a crowd is refused.
      return strict
        ? { status: 'MULTIPLE_FACE_DETECTED', liveliness: false, score: 0 }
        : { status: 'SUCCESS', liveliness: true, score: round2(0.75 + 0.24 * analysis.unit) };
    case 'FLAT_FACE':
      return { status: 'SUCCESS', liveliness: false, score: round2(0.1 + 0.39 * analysis.unit) };
    case 'LIVE_FACE':
      return { status: 'SUCCESS', liveliness: true, score: round2(0.75 + 0.24 * analysis.unit) };
  }
}

export interface FaceMatchOutcome {
  status: 'SUCCESS' | 'FACE_NOT_DETECTED' | 'MULTIPLE_FACE_DETECTED';
  face_match_result: 'YES' | 'NO';
  face_match_score: number;
}

const HASH_BITS = 256;

/** Agreement of the two average hashes beyond chance (see the top of this file), compared with the threshold. */
export function faceMatchOutcome(
  first: ImageAnalysis,
  second: ImageAnalysis,
  threshold: number,
): FaceMatchOutcome {
  const findings = [first.finding, second.finding];
  if (findings.includes('NO_FACE'))
    return { status: 'FACE_NOT_DETECTED', face_match_result: 'NO', face_match_score: 0 };
  if (findings.includes('MULTIPLE_FACES')) {
    return { status: 'MULTIPLE_FACE_DETECTED', face_match_result: 'NO', face_match_score: 0 };
  }
  let differing = first.averageHash ^ second.averageHash;
  let distance = 0;
  while (differing > 0n) {
    distance += Number(differing & 1n);
    differing >>= 1n;
  }
  const score = round2(Math.max(0, 1 - (2 * distance) / HASH_BITS));
  return { status: 'SUCCESS', face_match_result: score >= threshold ? 'YES' : 'NO', face_match_score: score };
}
