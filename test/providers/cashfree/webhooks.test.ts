import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorWebhooks } from '../../../src/providers/cashfree-simulator/index.js';

const SECRET = 'simulator-client-secret';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on a loopback port answering each delivery with the next of `statuses` (then 200). */
async function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/webhooks/cashfree`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((each) => each.close()));
});

function webhooks(url?: string) {
  const sender = new SimulatorWebhooks(SECRET, [10, 10]);
  sender.deliverTo(url);
  open.push(sender);
  return sender;
}

describe("the simulator's webhook sender", () => {
  it('signs each delivery as Cashfree does and sends its event in the sample payload shape', async () => {
    const target = await receiver();
    open.push(target);
    const sender = webhooks(target.url);
    sender.send('ESIGN_VERIFICATION_SUCCESS', { verification_id: 'es_1', status: 'SUCCESS' });
    await sender.settled();

    expect(target.received).toHaveLength(1);
    const [{ headers, body }] = target.received as [Received];
    expect(headers['content-type']).toBe('application/json');
    const timestamp = headers['x-webhook-timestamp'] as string;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(headers['x-webhook-signature']).toBe(
      createHmac('sha256', SECRET)
        .update(timestamp + body)
        .digest('base64'),
    );
    expect(JSON.parse(body)).toEqual({
      event_type: 'ESIGN_VERIFICATION_SUCCESS',
      event_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      version: 'v1',
      data: { verification_id: 'es_1', status: 'SUCCESS' },
    });
    expect(sender.deliveries).toEqual([
      expect.objectContaining({
        eventType: 'ESIGN_VERIFICATION_SUCCESS',
        verificationId: 'es_1',
        attempts: 1,
      }),
    ]);
    expect(sender.deliveries[0]).toMatchObject({ state: 'delivered', lastStatus: 200, url: target.url });
  });

  it('tries a refused delivery again, signed afresh, and gives up after its last retry', async () => {
    const flaky = await receiver([500]);
    open.push(flaky);
    const sender = webhooks(flaky.url);
    sender.send('ESIGN_VERIFICATION_EXPIRED', { verification_id: 'es_2', status: 'EXPIRED' });
    await sender.settled();
    expect(flaky.received.map((each) => each.body)).toEqual([
      flaky.received[0]!.body,
      flaky.received[0]!.body,
    ]);
    expect(sender.deliveries[0]).toMatchObject({ state: 'delivered', attempts: 2, lastStatus: 200 });

    const refusing = await receiver([503, 503, 503, 503]);
    open.push(refusing);
    sender.deliverTo(refusing.url);
    sender.send('ESIGN_VERIFICATION_FAILURE', { verification_id: 'es_3', status: 'FAILURE' });
    await sender.settled();
    expect(refusing.received).toHaveLength(3);
    expect(sender.deliveries[1]).toMatchObject({ state: 'failed', attempts: 3, lastStatus: 503 });

    // Nobody listening: the network error is kept.
    const gone = await receiver();
    await gone.close();
    sender.deliverTo(gone.url);
    sender.send('ESIGN_VERIFICATION_SUCCESS', { verification_id: 'es_4', status: 'SUCCESS' });
    await sender.settled();
    expect(sender.deliveries[2]).toMatchObject({
      state: 'failed',
      attempts: 3,
      lastError: expect.any(String),
    });
  });

  it('sends nothing before a URL is set, and nothing once closed', async () => {
    const target = await receiver();
    open.push(target);
    const sender = webhooks();
    sender.send('ESIGN_VERIFICATION_SUCCESS', { verification_id: 'es_5', status: 'SUCCESS' });
    await sender.close();
    sender.deliverTo(target.url);
    sender.send('ESIGN_VERIFICATION_SUCCESS', { verification_id: 'es_6', status: 'SUCCESS' });
    await sender.settled();
    expect([target.received, sender.deliveries]).toEqual([[], []]);
  });
});
