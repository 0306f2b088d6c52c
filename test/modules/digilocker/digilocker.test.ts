import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { digilockerRequests, documents, officialIdentities } from '../../../src/db/schema/index.js';
import { PERSONAS } from '../../../src/providers/cashfree-simulator/index.js';
import { passingSelfie } from '../../../src/providers/cashfree-simulator/test-images.js';
import { authed, registerAndLogin } from '../../helpers/app.js';
import { everyRowAsText, grantConsent, usePrefillApp, userIdOf } from './prefill-app.js';

const ctx = usePrefillApp();

/** A full 12-digit number the simulator is made to send, to show only its last 4 digits are ever kept. */
const FULL_AADHAAR = '234123419012';

async function customerWithConsent() {
  const user = await registerAndLogin(ctx.app);
  await grantConsent(ctx.app, user.token, 'digilocker_fetch');
  return user;
}

const createSession = (token: string) =>
  authed(ctx.app, token, { method: 'POST', url: '/v1/digilocker/session' });
const status = (token: string) => authed(ctx.app, token, { method: 'GET', url: '/v1/digilocker/status' });

/** The user's visit to DigiLocker, through the simulator's stand-in endpoint. */
async function consentAtDigilocker(url: string, body: Record<string, unknown>) {
  const response = await fetch(`${url}/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

/**
 * The default persona's Aadhaar, with a real photo and (unlike Cashfree, which masks it) the full
 * number, so the test shows what is kept of each.
 */
async function authenticateWithPhoto(verificationId: string, url: string) {
  await consentAtDigilocker(url, { persona: 'default' });
  const entry = ctx.simulator.state.digilocker.get(verificationId)!;
  const persona = PERSONAS.get('default')!;
  const photo = (await passingSelfie(11)).toString('base64');
  entry.persona = {
    ...persona,
    digilocker: {
      ...persona.digilocker,
      aadhaar: { ...persona.digilocker.aadhaar, uid: FULL_AADHAAR, photo_link: photo },
    },
  };
}

describe('DigiLocker', () => {
  it('refuses without digilocker_fetch consent, before asking Cashfree', async () => {
    const { token } = await registerAndLogin(ctx.app);
    const before = ctx.simulator.state.callsTo('/digilocker', 'POST').length;
    const response = await createSession(token);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('consent_required');
    expect(ctx.simulator.state.callsTo('/digilocker', 'POST')).toHaveLength(before);
  });

  it('answers 404 for the status of a user who never started a request', async () => {
    const { token } = await customerWithConsent();
    const response = await status(token);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('not_found');
  });

  it('links to DigiLocker, waits for consent, then stores the Aadhaar once with its last 4 digits only', async () => {
    const { token } = await customerWithConsent();
    const userId = userIdOf(token);

    const created = await createSession(token);
    expect(created.statusCode).toBe(201);
    const { verificationId, url, status: initial } = created.json().data;
    expect(initial).toBe('pending');
    expect(url).toBe(`${ctx.simulator.url}/simulator/digilocker/${verificationId}`);
    const [request] = await ctx.database.handle.db
      .select()
      .from(digilockerRequests)
      .where(eq(digilockerRequests.userId, userId));
    expect(request).toMatchObject({ verificationId, status: 'pending' });

    const pending = await status(token);
    expect(pending.statusCode).toBe(200);
    expect(pending.json().data).toMatchObject({ verificationId, status: 'pending', identity: null });

    await authenticateWithPhoto(verificationId, url);
    const fetched = await status(token);
    expect(fetched.statusCode).toBe(200);
    const data = fetched.json().data;
    expect(data.status).toBe('fetched');
    expect(data.identity).toMatchObject({
      source: 'digilocker',
      name: 'Mallesh Fakkirappa Dollin',
      gender: 'Male',
      aadhaar: 'XXXX XXXX 9012',
      hasDateOfBirth: true,
      hasAddress: true,
      hasPhoto: true,
    });
    expect(fetched.body).not.toContain(FULL_AADHAAR);

    // Stored: last 4 only; date of birth and address encrypted; the photo an encrypted document.
    const [identity] = await ctx.database.handle.db
      .select()
      .from(officialIdentities)
      .where(eq(officialIdentities.userId, userId));
    expect(identity).toMatchObject({ source: 'digilocker', aadhaarLast4: '9012', verificationId });
    expect(JSON.stringify(identity!.dateOfBirth)).not.toContain('1995');
    expect(JSON.stringify(identity!.address)).not.toContain('Haveri');
    const [photo] = await ctx.database.handle.db
      .select()
      .from(documents)
      .where(eq(documents.id, identity!.photoDocumentId!));
    expect(photo).toMatchObject({ userId, kind: 'aadhaar_photo', contentType: 'image/jpeg' });
    expect(photo!.content.subarray(0, 2).toString('hex')).not.toBe('ffd8');
    const decrypted = await ctx.app.services.documents.read(photo!.id, { userId });
    expect(decrypted.bytes.subarray(0, 2).toString('hex')).toBe('ffd8');

    // No full Aadhaar number anywhere in the database.
    expect(await everyRowAsText(ctx.database)).not.toContain(FULL_AADHAAR);

    // Pulled once: asking again reads what is stored.
    const documentCalls = ctx.simulator.state.callsTo('/digilocker/document/:document_type').length;
    const again = await status(token);
    expect(again.json().data).toMatchObject({ status: 'fetched', identity: { aadhaar: 'XXXX XXXX 9012' } });
    expect(ctx.simulator.state.callsTo('/digilocker/document/:document_type')).toHaveLength(documentCalls);
    expect(
      await ctx.database.handle.db
        .select()
        .from(officialIdentities)
        .where(eq(officialIdentities.userId, userId)),
    ).toHaveLength(1);

    const official = await ctx.officialIdentities.latest(ctx.database.handle.db, userId);
    expect(official).toMatchObject({
      source: 'digilocker',
      name: 'Mallesh Fakkirappa Dollin',
      dateOfBirth: '1995-02-02',
      gender: 'Male',
      aadhaarLast4: '9012',
      photoDocumentId: photo!.id,
      address: {
        house: 'Shri Kanaka Nilaya',
        street: 'Umashankar Nagar 1st Main 5th Cross',
        city: 'Ranibennur',
        district: 'Haveri',
        state: 'Karnataka',
        pincode: '581115',
        country: 'India',
      },
    });
  });

  it('keeps no photo when the document carries only a link, which is never followed', async () => {
    const { token } = await customerWithConsent();
    const { verificationId, url } = (await createSession(token)).json().data;
    await consentAtDigilocker(url, { persona: 'john_doe' });
    const entry = ctx.simulator.state.digilocker.get(verificationId)!;
    const persona = entry.persona!;
    entry.persona = {
      ...persona,
      digilocker: {
        ...persona.digilocker,
        aadhaar: { ...persona.digilocker.aadhaar, photo_link: 'http://169.254.169.254/photo.jpg' },
      },
    };
    const response = await status(token);
    expect(response.json().data).toMatchObject({
      status: 'fetched',
      identity: { name: 'John Doe', aadhaar: 'XXXX XXXX 3712', hasPhoto: false, hasAddress: true },
    });
    const official = await ctx.officialIdentities.latest(ctx.database.handle.db, userIdOf(token));
    expect(official).toMatchObject({ dateOfBirth: '1993-06-30', photoDocumentId: undefined });
  });

  it('shows the owner the identity fetched: name, date of birth, gender, last 4 and the address as addressDetails', async () => {
    const { token } = await customerWithConsent();
    const { url } = (await createSession(token)).json().data;
    await consentAtDigilocker(url, { persona: 'sandbox_pan_holder' });
    const response = await status(token);
    expect(response.statusCode).toBe(200);
    expect(response.json().data.identity).toMatchObject({
      source: 'digilocker',
      name: 'JOHN DOE',
      dateOfBirth: '1993-06-30',
      gender: 'Male',
      aadhaar: 'XXXX XXXX 1034',
      aadhaarLast4: '1034',
      addressDetails: {
        permanentAddress: '12, Linking Road, Santacruz West',
        landmark: 'Near Santacruz Station',
        permanentCity: 'Mumbai',
        permanentPincode: '400054',
        permanentState: 'Maharashtra',
        permanentCountry: 'India',
      },
    });
  });

  it('keeps a year of birth alone as the year, not as a made-up date', async () => {
    const { token } = await customerWithConsent();
    const { url } = (await createSession(token)).json().data;
    await consentAtDigilocker(url, { persona: 'year_only_dob' });
    const response = await status(token);
    expect(response.json().data.identity).toMatchObject({ dateOfBirth: '1993', hasDateOfBirth: true });
  });

  it('treats an AADHAAR_NOT_LINKED document (every field null) as no official identity, with a status saying why', async () => {
    const { token } = await customerWithConsent();
    const { verificationId, url } = (await createSession(token)).json().data;
    await consentAtDigilocker(url, { persona: 'aadhaar_not_linked' });
    const response = await status(token);
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toMatchObject({
      verificationId,
      status: 'not_available',
      documentStatus: 'AADHAAR_NOT_LINKED',
      identity: null,
    });
    const userId = userIdOf(token);
    expect(await ctx.officialIdentities.latest(ctx.database.handle.db, userId)).toBeUndefined();
    const rows = await ctx.database.handle.db
      .select()
      .from(officialIdentities)
      .where(eq(officialIdentities.userId, userId));
    expect(rows).toHaveLength(0);
    // The answer is final: a later status call does not ask for the document again.
    const documentCalls = ctx.simulator.state.callsTo('/digilocker/document/:document_type').length;
    expect((await status(token)).json().data.status).toBe('not_available');
    expect(ctx.simulator.state.callsTo('/digilocker/document/:document_type')).toHaveLength(documentCalls);
  });

  it('reports a denied consent as failed and stores nothing', async () => {
    const { token } = await customerWithConsent();
    const { url } = (await createSession(token)).json().data;
    await consentAtDigilocker(url, { deny: true });
    const response = await status(token);
    expect(response.json().data).toMatchObject({ status: 'failed', identity: null });
    expect(await ctx.officialIdentities.latest(ctx.database.handle.db, userIdOf(token))).toBeUndefined();
  });

  it('pulls nothing once the consent is withdrawn', async () => {
    const { token } = await customerWithConsent();
    const { url } = (await createSession(token)).json().data;
    await consentAtDigilocker(url, { persona: 'john_doe' });
    const withdrawn = await authed(ctx.app, token, {
      method: 'DELETE',
      url: '/v1/consents/digilocker_fetch',
    });
    expect(withdrawn.statusCode).toBe(200);
    const response = await status(token);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('consent_required');
    expect(await ctx.officialIdentities.latest(ctx.database.handle.db, userIdOf(token))).toBeUndefined();
  });

  it('reports a provider outage as 503 and recovers once Cashfree answers', async () => {
    const { token } = await customerWithConsent();
    const { url } = (await createSession(token)).json().data;
    ctx.simulator.faults.set('GET /digilocker', { status: 503 });
    try {
      const response = await status(token);
      expect(response.statusCode).toBe(503);
      expect(response.json().code).toBe('provider_unavailable');
    } finally {
      ctx.simulator.faults.clear();
    }
    await consentAtDigilocker(url, { persona: 'john_doe' });
    expect((await status(token)).json().data.status).toBe('fetched');
  });
});
