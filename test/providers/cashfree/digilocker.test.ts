import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CashfreeDuplicateError } from '../../../src/providers/cashfree/errors.js';
import { rejectionOf, simulatorPost, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('DigiLocker', () => {
  it('creates a consent link on the simulator and hands over documents once the user consents', async () => {
    const { data, verificationId } = await h.client.createDigilockerRequest({
      documents: ['AADHAAR', 'PAN'],
      redirectUrl: 'https://pehchan.example/kyc/done',
    });
    expect(data).toMatchObject({
      verification_id: verificationId,
      status: 'PENDING',
      document_requested: ['AADHAAR', 'PAN'],
    });
    expect(data.url).toBe(`${h.sim.url}/simulator/digilocker/${verificationId}`);

    expect(await h.client.getDigilockerStatus({ verificationId })).toMatchObject({
      status: 'PENDING',
      user_details: {},
    });
    expect(await h.client.getDigilockerDocument('AADHAAR', verificationId)).toEqual({ pending: true });

    const consentPage = await (await fetch(data.url ?? '')).json();
    expect(consentPage).toMatchObject({ verification_id: verificationId, status: 'PENDING' });
    const consent = await simulatorPost(h.sim, `/simulator/digilocker/${verificationId}/authenticate`, {
      persona: 'default',
    });
    expect(consent.status).toBe(200);

    const status = await h.client.getDigilockerStatus({ verificationId });
    expect(status).toMatchObject({
      status: 'AUTHENTICATED',
      document_consent: ['AADHAAR', 'PAN'],
      user_details: { name: 'Mallesh Fakkirappa Dollin', eaadhaar: 'Y' },
    });
    const aadhaar = await h.client.getDigilockerDocument('AADHAAR', verificationId);
    expect(aadhaar.pending).toBe(false);
    if (!aadhaar.pending)
      expect(aadhaar.document).toMatchObject({ status: 'SUCCESS', uid: 'xxxxxxxx9012', dob: '02-02-1995' });
    const pan = await h.client.getDigilockerDocument('PAN', verificationId);
    if (!pan.pending) expect(pan.document).toMatchObject({ pan: 'ABCDE1234F', name_pan_card: 'John Doe' });
    expect(pan.pending).toBe(false);

    const outcomes = h.recorder.verifications.get(verificationId)?.finishes.map((finish) => finish.outcome);
    expect(outcomes).toEqual(['PENDING', 'PENDING', 'AUTHENTICATED']);
  });

  it('makes the Aadhaar the one PAN 360 links to a given PAN (linkedPan), for sandbox customers', async () => {
    const { verificationId } = await h.client.createDigilockerRequest({
      documents: ['AADHAAR'],
      redirectUrl: 'https://pehchan.example/kyc/done',
    });
    const path = `/simulator/digilocker/${verificationId}/authenticate`;
    const malformed = await simulatorPost(h.sim, path, { persona: 'sandbox_pan_holder', linkedPan: 'ABC' });
    expect(malformed.status).toBe(400);
    const consent = await simulatorPost(h.sim, path, {
      persona: 'sandbox_pan_holder',
      linkedPan: 'QWEPR4321T',
    });
    expect(consent.status).toBe(200);
    const linked = await h.client.verifyPanAdvance({ pan: 'QWEPR4321T', name: 'JOHN DOE' });
    const aadhaar = await h.client.getDigilockerDocument('AADHAAR', verificationId);
    if (aadhaar.pending) throw new Error('the Aadhaar should be ready');
    expect(String(aadhaar.document.uid).slice(-4)).toBe(String(linked.data.masked_aadhaar_number).slice(-4));
  });

  it('refuses documents the user did not consent to, and a denied request', async () => {
    const partial = await h.client.createDigilockerRequest({ documents: ['AADHAAR', 'DRIVING_LICENSE'] });
    await simulatorPost(h.sim, `/simulator/digilocker/${partial.verificationId}/authenticate`, {
      persona: 'john_doe',
      documents: ['AADHAAR'],
    });
    expect(
      await rejectionOf(h.client.getDigilockerDocument('DRIVING_LICENSE', partial.verificationId)),
    ).toMatchObject({
      status: 400,
      code: 'consent_not_granted',
    });

    const denied = await h.client.createDigilockerRequest({ documents: ['PAN'] });
    await simulatorPost(h.sim, `/simulator/digilocker/${denied.verificationId}/authenticate`, { deny: true });
    expect((await h.client.getDigilockerStatus({ verificationId: denied.verificationId })).status).toBe(
      'CONSENT_DENIED',
    );
  });

  it('expires an unused link', async () => {
    const short = await startHarness({ digilockerLinkTtlMs: 30 });
    try {
      const { verificationId } = await short.client.createDigilockerRequest({ documents: ['PAN'] });
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect((await short.client.getDigilockerStatus({ verificationId })).status).toBe('EXPIRED');
      expect(await rejectionOf(short.client.getDigilockerDocument('PAN', verificationId))).toMatchObject({
        code: 'url_expired',
      });
    } finally {
      await short.close();
    }
  });

  it('validates the request as Cashfree does', async () => {
    expect(await rejectionOf(h.client.createDigilockerRequest({ documents: [] }))).toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: "Requested Document Type can't be empty",
    });
    expect(
      await rejectionOf(
        h.client.createDigilockerRequest({ documents: ['PAN'], redirectUrl: 'http://insecure.example' }),
      ),
    ).toMatchObject({ code: 'redirect_url_value_invalid', message: 'redirect_url should start with https.' });
    const { verificationId } = await h.client.createDigilockerRequest({ documents: ['PAN'] });
    const duplicate = await rejectionOf(
      h.newClient().client.createDigilockerRequest({ documents: ['PAN'], verificationId }),
    );
    expect(duplicate).toBeInstanceOf(CashfreeDuplicateError);
  });

  it.each([
    'http://localhost:8081/onboard/steps/aadhaar',
    'http://127.0.0.1:5173/back?x=1',
    'http://localhost/back',
  ])('takes the plain-http loopback redirect URL %s, as a development tool', async (redirectUrl) => {
    const { data } = await h.client.createDigilockerRequest({ documents: ['AADHAAR'], redirectUrl });
    expect(data.redirect_url).toBe(redirectUrl);
  });

  it.each(['http://localhost.example.com/back', 'http://10.0.0.1/back', 'ftp://localhost/back'])(
    'refuses the non-https, non-loopback redirect URL %s',
    async (redirectUrl) => {
      expect(
        await rejectionOf(h.client.createDigilockerRequest({ documents: ['AADHAAR'], redirectUrl })),
      ).toMatchObject({ code: 'redirect_url_value_invalid' });
    },
  );
});

describe('DigiLocker consent page in a browser', () => {
  const redirectUrl = 'http://localhost:8081/onboard/steps/aadhaar?digilocker=return';
  const openPage = async (url: string) => fetch(url, { headers: { accept: 'text/html' } });
  /** What the page's form posts: the browser follows the answer's redirect itself. */
  const submitForm = (url: string, fields: Record<string, string>) =>
    fetch(`${url}/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });

  it('shows a form to pick a persona and allow or deny', async () => {
    const { data } = await h.client.createDigilockerRequest({ documents: ['AADHAAR'], redirectUrl });
    const page = await openPage(data.url!);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain(`action="${data.url}/authenticate"`);
    expect(html).toContain('<option value="sandbox_pan_holder">');
    expect(html).toContain('name="linkedPan"');
    expect(html).toMatch(/value="allow"[\s\S]*value="deny"/);
  });

  it('sends the browser back to the redirect URL after consent, with the chosen persona and linked PAN', async () => {
    const { data, verificationId } = await h.client.createDigilockerRequest({
      documents: ['AADHAAR'],
      redirectUrl,
    });
    const answer = await submitForm(data.url!, {
      persona: 'sandbox_pan_holder',
      linkedPan: 'ABCPV1234D',
      decision: 'allow',
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(redirectUrl);
    expect(await h.client.getDigilockerStatus({ verificationId })).toMatchObject({ status: 'AUTHENTICATED' });
    expect(h.sim.state.digilocker.get(verificationId)!.persona!.key).toBe('sandbox_pan_holder');
  });

  it('sends the browser back to the redirect URL after a denial too', async () => {
    const { data, verificationId } = await h.client.createDigilockerRequest({
      documents: ['AADHAAR'],
      redirectUrl,
    });
    const answer = await submitForm(data.url!, { persona: 'default', linkedPan: '', decision: 'deny' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(redirectUrl);
    expect(await h.client.getDigilockerStatus({ verificationId })).toMatchObject({
      status: 'CONSENT_DENIED',
    });
  });

  it('says it is done when the request has no redirect URL', async () => {
    const { data } = await h.client.createDigilockerRequest({ documents: ['AADHAAR'] });
    const answer = await submitForm(data.url!, { persona: 'default', decision: 'allow' });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('You can close this window');
  });

  it('names the redirect URL in the JSON answer to scripted consents', async () => {
    const { data, verificationId } = await h.client.createDigilockerRequest({
      documents: ['AADHAAR'],
      redirectUrl,
    });
    const consent = await simulatorPost(h.sim, `/simulator/digilocker/${verificationId}/authenticate`, {
      persona: 'default',
    });
    expect(await consent.json()).toMatchObject({ status: 'AUTHENTICATED', redirect_url: redirectUrl });
    expect(data.redirect_url).toBe(redirectUrl);
  });
});
