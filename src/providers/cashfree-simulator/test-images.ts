import sharp from 'sharp';

/*
 * Images that give known simulator outcomes (see images.ts): a high-contrast picture passes
 * liveliness, a uniform one has no face, a low-contrast one is a face that is not live, and a
 * wide one holds several faces. Seeds make distinct images with repeatable pixels.
 */

function noise(width: number, height: number, seed: number, low: number, high: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let index = 0; index < pixels.length; index++) {
    // xorshift32: cheap, repeatable pixel noise
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    pixels[index] = low + (state % (high - low + 1));
  }
  return pixels;
}

function encode(pixels: Buffer, width: number, height: number, format: 'jpeg' | 'png'): Promise<Buffer> {
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return (format === 'png' ? image.png() : image.jpeg({ quality: 90 })).toBuffer();
}

/** Live face, liveliness score ≥ 0.75. */
export function passingSelfie(
  seed = 1,
  format: 'jpeg' | 'png' = 'jpeg',
  width = 240,
  height = 320,
): Promise<Buffer> {
  return encode(noise(width, height, seed, 0, 255), width, height, format);
}

/** FACE_NOT_DETECTED: a uniform grey picture. */
export function noFaceImage(format: 'jpeg' | 'png' = 'jpeg', width = 240, height = 320): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 180, g: 180, b: 180 } } });
  return (format === 'png' ? image.png() : image.jpeg()).toBuffer();
}

/** SUCCESS with `liveliness: false`: a low-contrast picture. */
export function notLiveImage(seed = 1, width = 240, height = 320): Promise<Buffer> {
  return encode(noise(width, height, seed, 100, 160), width, height, 'jpeg');
}

/** MULTIPLE_FACE_DETECTED: a picture at least twice as wide as it is high. */
export function groupPhoto(seed = 1): Promise<Buffer> {
  return encode(noise(480, 200, seed, 0, 255), 480, 200, 'jpeg');
}
