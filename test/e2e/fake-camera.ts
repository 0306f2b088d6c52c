import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { personaSelfie } from '../../src/providers/cashfree-simulator/persona-photos.js';
import { PERSONAS } from '../../src/providers/cashfree-simulator/personas.js';

/*
 * A video file for Chromium's fake camera (`--use-file-for-fake-video-capture=<file>`): a simulator
 * persona's selfie, still, as a few frames of Y4M (raw 4:2:0 YUV, the format Chromium reads without
 * a decoder). What the browser captures is then that persona's selfie, so the simulator judges it a live
 * face matching the persona's Aadhaar photo, as it judges the selfie file itself.
 *
 * The frames keep the selfie's own size, 480×640 (portrait, as a phone's front camera gives): the
 * simulator's face match compares 16×16 thumbnails of both pictures stretched to a square, so a
 * capture must keep the Aadhaar photo's 3:4 shape to match it. A landscape 640×480 frame with the
 * portrait in the middle would not.
 */

/** The persona whose DigiLocker consent and selfie lead to approval with no human (see scripts/demo.ts). */
export const APPROVED_PERSONA = 'sandbox_pan_holder';

export interface FakeCamera {
  /** The .y4m file to give Chromium. */
  file: string;
  persona: string;
  width: number;
  height: number;
}

/**
 * Full-range RGB to limited-range BT.601 I420 (Y plane, then U and V at half size, each the mean
 * of a 2×2 block): the colour space Chromium assumes for a Y4M file, so a canvas shows the original colours.
 */
export function rgbToI420(rgb: Buffer, width: number, height: number): Buffer {
  const lumaSize = width * height;
  const chromaWidth = width / 2;
  const chromaSize = chromaWidth * (height / 2);
  const frame = Buffer.alloc(lumaSize + 2 * chromaSize);
  const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      const [r, g, b] = [rgb[at]!, rgb[at + 1]!, rgb[at + 2]!];
      frame[y * width + x] = clamp(16 + 0.2568 * r + 0.5041 * g + 0.0979 * b);
    }
  }
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < chromaWidth; x++) {
      let [r, g, b] = [0, 0, 0];
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const at = ((2 * y + dy) * width + 2 * x + dx) * 3;
        r += rgb[at]! / 4;
        g += rgb[at + 1]! / 4;
        b += rgb[at + 2]! / 4;
      }
      frame[lumaSize + y * chromaWidth + x] = clamp(128 - 0.1482 * r - 0.291 * g + 0.4392 * b);
      frame[lumaSize + chromaSize + y * chromaWidth + x] = clamp(128 + 0.4392 * r - 0.3678 * g - 0.0714 * b);
    }
  }
  return frame;
}

/** Writes `<dir>/<persona>.y4m`: `frames` identical frames of the persona's selfie at 10 frames a second. */
export async function writeFakeCamera(
  options: { persona?: string; dir?: string; frames?: number } = {},
): Promise<FakeCamera> {
  const { persona: key = APPROVED_PERSONA, frames = 5 } = options;
  const persona = PERSONAS.get(key);
  if (!persona) throw new Error(`the simulator has no persona ${key}`);
  const { data, info } = await sharp(await personaSelfie(persona))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const frame = rgbToI420(data, width, height);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const frameHeader = Buffer.from('FRAME\n');
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'pehchan-camera-'));
  const file = path.join(dir, `${key}.y4m`);
  writeFileSync(
    file,
    Buffer.concat([header, ...Array.from({ length: frames }, () => [frameHeader, frame]).flat()]),
  );
  return { file, persona: key, width, height };
}
