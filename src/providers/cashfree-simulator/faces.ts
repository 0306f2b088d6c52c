import { createHash } from 'node:crypto';
import { loadSharp } from '../../lib/sharp.js';

/*
 * Drawn portraits for the simulator's personas: an official (Aadhaar-style) photo and a selfie of the
 * same face. Everything comes from a hash of the persona's key, so a persona looks the same on every
 * machine and no picture is downloaded or stored in the repository.
 *
 * Face match (images.ts) compares 16×16 average hashes, which ignore overall brightness and contrast.
 * The selfie is therefore the official drawing under other light (brighter, warmer, with sensor
 * grain, at a larger size): nearly the same hash, a match. Faces drawn alike look alike to a
 * thumbnail, so what sets personas apart is mostly the tiled wall behind them (light or dark tiles
 * from the seed), with hair, head position and clothes: different personas do not match.
 */

const OFFICIAL_SIZE = { width: 300, height: 400 } as const;
const SELFIE_SIZE = { width: 480, height: 640 } as const;

const SKIN = ['#f1c9a5', '#e0ac69', '#c68642', '#a8683a', '#8d5524', '#6b3e1f'];
const HAIR = ['#0f0d0c', '#2a1b12', '#4a2f1d', '#7a5230', '#9e9e9e', '#e8e4dc'];
const CLOTHES = ['#1d3557', '#e9ecef', '#7b2d26', '#2a9d8f', '#f4a261', '#3d405b', '#f8f1e5', '#111111'];
type HairStyle = 'short' | 'long' | 'receding' | 'bun' | 'curly';
const HAIR_STYLES: Record<'M' | 'F' | 'any', readonly HairStyle[]> = {
  M: ['short', 'receding', 'curly'],
  F: ['long', 'bun', 'curly'],
  any: ['short', 'long', 'receding', 'bun', 'curly'],
};
/** Tiles line up with the 8×8 and 16×16 thumbnails images.ts hashes. */
const TILES_ACROSS = 8;
const TILES_DOWN = 8;

export interface FaceTraits {
  /** A wall of light and dark tiles: the part of the picture that most sets one persona apart. */
  backdrop: {
    light: string;
    dark: string;
    tiles: boolean[];
    lamp: { x: number; y: number; strength: number };
  };
  skin: string;
  hair: { colour: string; style: HairStyle };
  clothes: string;
  head: { x: number; y: number; rx: number; ry: number };
  glasses: boolean;
  beard: boolean;
  bindi: boolean;
}

/** A stream of numbers in [0, 1) from the persona key. */
function randomFrom(seed: string): () => number {
  let counter = 0;
  return () => {
    const digest = createHash('sha256').update(`${seed}\0${counter++}`).digest();
    return digest.readUInt32BE(0) / 4_294_967_296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

function tone(level: number, tint: number): string {
  const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));
  return `rgb(${clamp(level + tint)},${clamp(level)},${clamp(level - tint)})`;
}

/** `gender` as Aadhaar writes it (M, F, T); it only chooses among hair styles. */
export function faceTraits(seed: string, gender?: string): FaceTraits {
  const random = randomFrom(seed);
  const tint = Math.round((random() - 0.5) * 40);
  const styles = HAIR_STYLES[gender === 'M' ? 'M' : gender === 'F' ? 'F' : 'any'];
  const style = pick(random, styles);
  const long = style === 'long' || style === 'bun';
  return {
    backdrop: {
      light: tone(205 + 20 * random(), tint),
      dark: tone(75 + 30 * random(), tint),
      tiles: Array.from({ length: TILES_ACROSS * TILES_DOWN }, () => random() < 0.5),
      lamp: { x: 40 + 220 * random(), y: 40 + 120 * random(), strength: 0.2 + 0.4 * random() },
    },
    skin: pick(random, SKIN),
    hair: { colour: pick(random, HAIR), style },
    clothes: pick(random, CLOTHES),
    head: {
      x: 150 + (random() - 0.5) * 70,
      y: 165 + (random() - 0.5) * 40,
      rx: 58 + 18 * random(),
      ry: 76 + 18 * random(),
    },
    glasses: random() < 0.3,
    beard: !long && gender !== 'F' && random() < 0.35,
    bindi: long && gender !== 'M' && random() < 0.5,
  };
}

function hairBehind({ hair, head }: FaceTraits): string {
  const { x, y, rx, ry } = head;
  switch (hair.style) {
    case 'long':
      return `<path d="M ${x - rx - 14} ${y - 10} Q ${x - rx - 20} ${y + ry + 90} ${x - rx + 10} ${y + ry + 110} L ${x + rx - 10} ${y + ry + 110} Q ${x + rx + 20} ${y + ry + 90} ${x + rx + 14} ${y - 10} Z" fill="${hair.colour}"/>`;
    case 'bun':
      return `<circle cx="${x}" cy="${y - ry - 18}" r="${rx * 0.45}" fill="${hair.colour}"/>`;
    case 'curly':
      return Array.from({ length: 9 }, (_, index) => {
        const angle = Math.PI * (1 + index / 8);
        return `<circle cx="${x + Math.cos(angle) * rx * 0.95}" cy="${y - 10 + Math.sin(angle) * ry * 0.95}" r="${rx * 0.35}" fill="${hair.colour}"/>`;
      }).join('');
    default:
      return '';
  }
}

function hairOnTop({ hair, head }: FaceTraits): string {
  const { x, y, rx, ry } = head;
  const top = y - ry;
  switch (hair.style) {
    case 'receding':
      return `<path d="M ${x - rx} ${y - 5} Q ${x - rx} ${top + 25} ${x - rx * 0.55} ${top + 22} Q ${x - rx * 0.7} ${y - ry * 0.35} ${x - rx + 6} ${y} Z M ${x + rx} ${y - 5} Q ${x + rx} ${top + 25} ${x + rx * 0.55} ${top + 22} Q ${x + rx * 0.7} ${y - ry * 0.35} ${x + rx - 6} ${y} Z" fill="${hair.colour}"/>`;
    case 'curly':
      return `<path d="M ${x - rx - 4} ${y - 8} Q ${x - rx} ${top - 26} ${x} ${top - 22} Q ${x + rx} ${top - 26} ${x + rx + 4} ${y - 8} Q ${x + rx * 0.4} ${top + 18} ${x - rx - 4} ${y - 8} Z" fill="${hair.colour}"/>`;
    default:
      // short, long and bun: a cap of hair with a side parting
      return `<path d="M ${x - rx - 5} ${y - 2} Q ${x - rx - 6} ${top - 14} ${x} ${top - 12} Q ${x + rx + 6} ${top - 14} ${x + rx + 5} ${y - 2} Q ${x + rx * 0.8} ${top + 30} ${x - rx * 0.25} ${top + 24} Q ${x - rx * 0.8} ${top + 34} ${x - rx - 5} ${y - 2} Z" fill="${hair.colour}"/>`;
  }
}

function features({ head, hair, skin, glasses, beard, bindi }: FaceTraits): string {
  const { x, y, rx, ry } = head;
  const eyeY = y - ry * 0.08;
  const eyeDx = rx * 0.38;
  const eye = (cx: number) =>
    `<ellipse cx="${cx}" cy="${eyeY}" rx="${rx * 0.17}" ry="${ry * 0.07}" fill="#f7f3ee"/>` +
    `<circle cx="${cx}" cy="${eyeY}" r="${ry * 0.065}" fill="#3b2416"/>` +
    `<circle cx="${cx}" cy="${eyeY}" r="${ry * 0.03}" fill="#080808"/>` +
    `<circle cx="${cx + 2}" cy="${eyeY - 2}" r="1.6" fill="#ffffff"/>`;
  const brow = (cx: number, side: number) =>
    `<path d="M ${cx - rx * 0.2} ${eyeY - ry * 0.13 + side} Q ${cx} ${eyeY - ry * 0.22} ${cx + rx * 0.2} ${eyeY - ry * 0.13 - side}" stroke="${hair.colour === '#e8e4dc' ? '#8a8580' : hair.colour}" stroke-width="${ry * 0.04}" fill="none" stroke-linecap="round"/>`;
  const noseY = y + ry * 0.28;
  const mouthY = y + ry * 0.52;
  const parts = [
    eye(x - eyeDx),
    eye(x + eyeDx),
    brow(x - eyeDx, 2),
    brow(x + eyeDx, -2),
    `<path d="M ${x - 2} ${eyeY + 8} Q ${x - rx * 0.12} ${noseY} ${x - rx * 0.1} ${noseY + 4} Q ${x} ${noseY + 10} ${x + rx * 0.1} ${noseY + 4}" stroke="rgba(60,30,15,0.45)" stroke-width="2.5" fill="none" stroke-linecap="round"/>`,
    `<path d="M ${x - rx * 0.3} ${mouthY} Q ${x} ${mouthY + ry * 0.12} ${x + rx * 0.3} ${mouthY}" stroke="#7a3b33" stroke-width="${ry * 0.045}" fill="none" stroke-linecap="round"/>`,
    `<ellipse cx="${x - rx * 0.55}" cy="${y + ry * 0.3}" rx="${rx * 0.16}" ry="${ry * 0.08}" fill="rgba(210,90,80,0.12)"/>`,
    `<ellipse cx="${x + rx * 0.55}" cy="${y + ry * 0.3}" rx="${rx * 0.16}" ry="${ry * 0.08}" fill="rgba(210,90,80,0.12)"/>`,
  ];
  if (beard) {
    parts.push(
      `<path d="M ${x - rx * 0.92} ${y + ry * 0.1} Q ${x - rx * 0.85} ${y + ry * 1.05} ${x} ${y + ry * 1.08} Q ${x + rx * 0.85} ${y + ry * 1.05} ${x + rx * 0.92} ${y + ry * 0.1} Q ${x + rx * 0.6} ${y + ry * 0.7} ${x + rx * 0.3} ${mouthY - 6} Q ${x} ${mouthY - 14} ${x - rx * 0.3} ${mouthY - 6} Q ${x - rx * 0.6} ${y + ry * 0.7} ${x - rx * 0.92} ${y + ry * 0.1} Z" fill="${hair.colour}" opacity="0.9"/>`,
      `<path d="M ${x - rx * 0.22} ${mouthY + 2} Q ${x} ${mouthY + ry * 0.1} ${x + rx * 0.22} ${mouthY + 2}" stroke="${skin}" stroke-width="3" fill="none"/>`,
    );
  }
  if (glasses) {
    const lens = (cx: number) =>
      `<rect x="${cx - rx * 0.27}" y="${eyeY - ry * 0.12}" width="${rx * 0.54}" height="${ry * 0.24}" rx="8" fill="rgba(200,220,255,0.15)" stroke="#222" stroke-width="3.5"/>`;
    parts.push(
      lens(x - eyeDx),
      lens(x + eyeDx),
      `<path d="M ${x - eyeDx + rx * 0.27} ${eyeY} Q ${x} ${eyeY - 6} ${x + eyeDx - rx * 0.27} ${eyeY}" stroke="#222" stroke-width="3" fill="none"/>`,
    );
  }
  if (bindi) parts.push(`<circle cx="${x}" cy="${eyeY - ry * 0.2}" r="3.5" fill="#b3122e"/>`);
  return parts.join('');
}

function tiles({ backdrop }: FaceTraits): string {
  const width = OFFICIAL_SIZE.width / TILES_ACROSS;
  const height = OFFICIAL_SIZE.height / TILES_DOWN;
  return backdrop.tiles
    .map((light, index) => {
      const x = (index % TILES_ACROSS) * width;
      const y = Math.floor(index / TILES_ACROSS) * height;
      return `<rect x="${x + 1.5}" y="${y + 1.5}" width="${width - 3}" height="${height - 3}" rx="2" fill="${light ? backdrop.light : backdrop.dark}"/>`;
    })
    .join('');
}

/** The portrait as SVG on a 300×400 canvas. */
export function portraitSvg(traits: FaceTraits): string {
  const { backdrop, skin, clothes, head } = traits;
  const { x, y, rx, ry } = head;
  const neckTop = y + ry * 0.7;
  const shoulders = y + ry + 45;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OFFICIAL_SIZE.width}" height="${OFFICIAL_SIZE.height}" viewBox="0 0 300 400">
<defs>
  <radialGradient id="lamp" cx="${backdrop.lamp.x / 300}" cy="${backdrop.lamp.y / 400}" r="0.45"><stop offset="0" stop-color="#ffffff" stop-opacity="${backdrop.lamp.strength}"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/></radialGradient>
  <radialGradient id="skin" cx="0.4" cy="0.35" r="0.75"><stop offset="0" stop-color="${skin}"/><stop offset="1" stop-color="${skin}" stop-opacity="0.82"/></radialGradient>
</defs>
<rect width="300" height="400" fill="#d8d2c8"/>
${tiles(traits)}
<rect width="300" height="400" fill="url(#lamp)"/>
${hairBehind(traits)}
<path d="M ${x - 150} 400 Q ${x - 140} ${shoulders} ${x - 40} ${shoulders - 10} L ${x + 40} ${shoulders - 10} Q ${x + 140} ${shoulders} ${x + 150} 400 Z" fill="${clothes}"/>
<rect x="${x - rx * 0.38}" y="${neckTop}" width="${rx * 0.76}" height="${shoulders - neckTop}" fill="${skin}"/>
<path d="M ${x - rx * 0.38} ${shoulders - 10} L ${x} ${shoulders + 30} L ${x + rx * 0.38} ${shoulders - 10} Z" fill="${skin}"/>
<ellipse cx="${x - rx}" cy="${y}" rx="${rx * 0.14}" ry="${ry * 0.2}" fill="${skin}"/>
<ellipse cx="${x + rx}" cy="${y}" rx="${rx * 0.14}" ry="${ry * 0.2}" fill="${skin}"/>
<ellipse cx="${x}" cy="${y}" rx="${rx}" ry="${ry}" fill="${skin}"/>
<ellipse cx="${x}" cy="${y}" rx="${rx}" ry="${ry}" fill="url(#skin)"/>
${hairOnTop(traits)}
${features(traits)}
</svg>`;
}

/** xorshift32 grain, the same for the same seed. */
function addGrain(pixels: Buffer, seed: string, amplitude: number): void {
  let state = createHash('sha256').update(seed).digest().readUInt32BE(0) || 1;
  for (let index = 0; index < pixels.length; index++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const value = (pixels[index] as number) + ((state % (2 * amplitude + 1)) - amplitude);
    pixels[index] = Math.max(0, Math.min(255, value));
  }
}

/** The persona's official photo: a 300×400 passport-style JPEG. */
export async function officialPhoto(seed: string, gender?: string): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(portraitSvg(faceTraits(seed, gender))))
    .jpeg({ quality: 88 })
    .toBuffer();
}

/**
 * A selfie of the same face: 480×640, brighter, with sensor grain. Its contrast keeps it a
 * live face for the simulator's liveliness check (images.ts).
 */
export async function selfiePhoto(seed: string, gender?: string): Promise<Buffer> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(Buffer.from(portraitSvg(faceTraits(seed, gender))), { density: 115 })
    .resize(SELFIE_SIZE.width, SELFIE_SIZE.height, { fit: 'fill' })
    .removeAlpha()
    .linear(0.88, 24)
    .raw()
    .toBuffer({ resolveWithObject: true });
  addGrain(data, `${seed}\0selfie`, 12);
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}
