import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/providers/cashfree-simulator/index.js';
import type { RunningSimulator } from '../../src/providers/cashfree-simulator/index.js';
import { APPROVED_PERSONA } from './fake-camera.js';
import { launchBrowser } from './harness.js';
import type { E2EBrowser } from './harness.js';

/*
 * The fake camera shows the persona's selfie: a frame captured in the page, as the onboarding app's
 * selfie step captures one, is judged by the Cashfree simulator (over HTTP, as Pehchan asks it) a
 * live face that matches that persona's Aadhaar photo, and not another persona's.
 */

let browser: E2EBrowser;
let simulator: RunningSimulator;
let pageServer: http.Server;
let pageUrl: string;

beforeAll(async () => {
  simulator = await startSimulator({ rateLimitPerMinute: 0 });
  // getUserMedia needs a secure context: a page from a loopback origin is one.
  pageServer = http.createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><html lang="en"><title>camera</title></html>');
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await simulator?.close();
  await new Promise((resolve) => pageServer?.close(resolve));
});

/** One camera frame at the video's own size, as a JPEG, the way a selfie step takes it. */
async function captureFrame(page: Page): Promise<{ width: number; height: number; jpeg: Buffer }> {
  const frame = await page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' } });
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    await video.play();
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')!.drawImage(video, 0, 0);
    for (const track of stream.getTracks()) track.stop();
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((made) => (made ? resolve(made) : reject(new Error('no JPEG'))), 'image/jpeg', 0.9),
    );
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return { width: canvas.width, height: canvas.height, base64: btoa(binary) };
  });
  return { width: frame.width, height: frame.height, jpeg: Buffer.from(frame.base64, 'base64') };
}

let verificationCounter = 0;

/** A multipart call to the simulator's Cashfree API, with its credentials. */
async function askSimulator(
  endpoint: string,
  images: Record<string, Buffer>,
  fields: Record<string, string>,
) {
  const form = new FormData();
  form.append('verification_id', `e2e-camera-${++verificationCounter}`);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, bytes] of Object.entries(images))
    form.append(name, new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), `${name}.jpg`);
  const response = await fetch(`${simulator.url}${endpoint}`, {
    method: 'POST',
    headers: { 'x-client-id': simulator.clientId, 'x-client-secret': simulator.clientSecret },
    body: form,
  });
  expect(response.status, endpoint).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function aadhaarPhoto(persona: string): Promise<Buffer> {
  const response = await fetch(`${simulator.url}/simulator/personas/${persona}/photo.jpg`);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

describe('the fake camera', () => {
  it("gives getUserMedia the approved persona's selfie: a live face matching their Aadhaar photo only", async () => {
    const page = await browser.newPage('mobile');
    await page.goto(pageUrl);
    const frame = await captureFrame(page);
    // Portrait, the selfie's own size: a crop to another shape would change what face match compares.
    expect([frame.width, frame.height]).toEqual([browser.camera.width, browser.camera.height]);

    const liveliness = await askSimulator('/liveliness', { image: frame.jpeg }, { strict_check: 'true' });
    expect(liveliness).toMatchObject({ status: 'SUCCESS', liveliness: true });
    expect(liveliness['score']).toBeGreaterThanOrEqual(0.7);

    const ownPhoto = await askSimulator(
      '/face-match',
      { first_image: frame.jpeg, second_image: await aadhaarPhoto(APPROVED_PERSONA) },
      { threshold: '0.75' },
    );
    expect(ownPhoto).toMatchObject({ status: 'SUCCESS', face_match_result: 'YES' });

    const someoneElse = await askSimulator(
      '/face-match',
      { first_image: frame.jpeg, second_image: await aadhaarPhoto('someone_else') },
      { threshold: '0.75' },
    );
    expect(someoneElse).toMatchObject({ status: 'SUCCESS', face_match_result: 'NO' });
  });
});
