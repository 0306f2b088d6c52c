import type Sharp from 'sharp';

let loading: Promise<typeof Sharp> | undefined;

/**
 * libvips, loaded on first use: it is large and only image uploads and the simulator's image
 * checks need it. Each image is decoded once, so libvips' operation cache would only hold memory,
 * and one thread per image keeps peaks low while requests already run side by side.
 */
export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return loading;
}
