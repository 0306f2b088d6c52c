import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { KeyRing } from '../../../src/lib/crypto/index.js';
import { sanitizeDocument } from '../../../src/modules/documents/sanitize.js';
import { authed, TEST_SECRETS, useTestApp } from '../../helpers/app.js';
import { customer, pdfBase64, problems, contractExampleRequest } from '../profile/fixtures.js';
import { objectFlood, objectStreamBomb, pdfWith } from './hostile-pdfs.js';
import type { Customer, Profile } from '../profile/fixtures.js';

const ctx = useTestApp();

const FIELD = '/dematDetails/0/clientMasterCopy';

const query = async (text: string, values: unknown[] = []) =>
  (await ctx.database.handle.sql.executeSql(text, values)).rows as Array<Record<string, unknown>>;

/** The primary demat entry of the contract example request, carrying `copy`. */
async function withCopy(copy: unknown) {
  const { dematDetails } = await contractExampleRequest();
  return { dematDetails: [{ ...dematDetails[0], clientMasterCopy: copy }] };
}

async function upload(user: Customer, copy: unknown) {
  const response = await user.update(await withCopy(copy));
  return { response, copy: (response.json() as { data?: Profile }).data?.dematDetails[0]?.clientMasterCopy };
}

const download = (url: string, token?: string) =>
  ctx.app.inject({ method: 'GET', url, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });

const documentIds = async (userId: string) =>
  (await query('select id from documents where user_id = $1 order by created_at', [userId])).map(
    (row) => row.id,
  );

async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .withExif({
      IFD0: { Make: 'CanaryCam', Model: 'Leaky 3000' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '18/1 31/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '73/1 51/1 0/1',
      },
    })
    .jpeg()
    .toBuffer();
}

describe('clientMasterCopy uploads', () => {
  it('accepts base64 wrapped in whitespace and behind a data-URI prefix', async () => {
    const user = await customer(ctx.app);
    const base64 = await pdfBase64();
    const wrapped = `\n  ${base64.replace(/(.{76})/g, '$1\r\n')}  \n`;
    const plain = await upload(user, wrapped);
    expect(plain.response.statusCode).toBe(200);
    expect(plain.copy).toMatchObject({ contentType: 'application/pdf' });
    const dataUri = await upload(user, `data:application/pdf;base64,${base64}`);
    expect(dataUri.response.statusCode).toBe(200);
    expect(dataUri.copy!._id).not.toBe(plain.copy!._id);
  });

  it('accepts a PNG and a JPEG, re-encoding images without EXIF', async () => {
    const user = await customer(ctx.app);
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const { response, copy } = await upload(user, `data:image/jpeg;base64,${original.toString('base64')}`);
    expect(response.statusCode).toBe(200);
    expect(copy).toMatchObject({ contentType: 'image/jpeg' });
    const stored = (await download(copy!.url)).rawPayload;
    expect(stored.equals(original)).toBe(false);
    const metadata = await sharp(stored).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    expect(metadata.exif).toBeUndefined();
    expect(stored.includes(Buffer.from('CanaryCam'))).toBe(false);

    const png = await sharp({ create: { width: 8, height: 8, channels: 4, background: '#00ff0080' } })
      .png()
      .toBuffer();
    const pngUpload = await upload(user, png.toString('base64'));
    expect(pngUpload.copy).toMatchObject({ contentType: 'image/png' });
  });

  it('refuses more than 5 MB with 413, even below the body limit', async () => {
    const user = await customer(ctx.app);
    for (const size of [5 * 1024 * 1024 + 1, 5.9 * 1024 * 1024]) {
      const { response } = await upload(user, Buffer.alloc(Math.floor(size), 0x25).toString('base64'));
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ code: 'payload_too_large' });
      expect(problems(response)).toEqual([[FIELD, 'file_too_large']]);
    }
  });

  it('refuses a text file, a type mismatch and a PDF carrying JavaScript with 415', async () => {
    const user = await customer(ctx.app);
    const text = await upload(user, Buffer.from('just a text file, not a PDF\n').toString('base64'));
    expect(text.response.statusCode).toBe(415);
    expect(text.response.json()).toMatchObject({ code: 'unsupported_media_type' });
    expect(problems(text.response)).toEqual([[FIELD, 'unsupported_file_type']]);

    const mismatch = await upload(user, `data:image/png;base64,${await pdfBase64()}`);
    expect(problems(mismatch.response)).toEqual([[FIELD, 'type_mismatch']]);

    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    doc.catalog.set(
      PDFName.of('OpenAction'),
      doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("hi")') }),
    );
    const scripted = await upload(user, Buffer.from(await doc.save()).toString('base64'));
    expect(scripted.response.statusCode).toBe(415);
    expect(problems(scripted.response)).toEqual([[FIELD, 'pdf_javascript']]);
    expect(await documentIds(user.id)).toEqual([]);
  });

  it('refuses base64 that is not base64 with 400', async () => {
    const user = await customer(ctx.app);
    const { response } = await upload(user, 'this is not base64 at all!');
    expect(response.statusCode).toBe(400);
    expect(problems(response)).toEqual([[FIELD, 'invalid_base64']]);
  });
});

describe('hostile clientMasterCopy uploads (issue 10)', () => {
  it('refuses a 1 GB inflate bomb with 400 document_too_complex while /health/live keeps answering', async () => {
    const user = await customer(ctx.app);
    const bomb = (await objectStreamBomb(1024 ** 3)).toString('base64');
    let uploading = true;
    const upload = user.update(await withCopy(bomb)).finally(() => (uploading = false));
    // The event loop stays free while the bomb is parsed: liveness answers before the upload does.
    let answeredMeanwhile = 0;
    while (uploading) {
      const live = await ctx.app.inject({ method: 'GET', url: '/health/live' });
      expect(live.statusCode).toBe(200);
      if (uploading) answeredMeanwhile++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(answeredMeanwhile).toBeGreaterThan(0);
    const response = await upload;
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
    expect(problems(response)).toEqual([[FIELD, 'document_too_complex']]);
    expect(await documentIds(user.id)).toEqual([]);
  });

  it('refuses an object flood with 400 and an external action with 415, storing nothing', async () => {
    const user = await customer(ctx.app);
    const flood = await upload(user, objectFlood(120_000).toString('base64'));
    expect(problems(flood.response)).toEqual([[FIELD, 'document_too_complex']]);
    const unc = pdfWith('/OpenAction << /S /GoToR /F (\\\\attacker\\share\\x.pdf) /D [0 /Fit] >>');
    const reaching = await upload(user, unc.toString('base64'));
    expect(reaching.response.statusCode).toBe(415);
    expect(problems(reaching.response)).toEqual([[FIELD, 'pdf_external_action']]);
    expect(await documentIds(user.id)).toEqual([]);
  });
});

describe('clientMasterCopy references', () => {
  it('accepts a stored document by its _id string and by the object getDetails returned, without a copy', async () => {
    const user = await customer(ctx.app);
    const { copy } = await upload(user, await pdfBase64());
    const profile = await user.profile();
    const [entry] = profile.dematDetails;

    const byId = await user.update({ dematDetails: [{ ...entry, clientMasterCopy: copy!._id }] });
    expect(byId.statusCode).toBe(200);
    const byObject = await user.update({ dematDetails: [{ ...entry, clientMasterCopy: copy }] });
    expect(byObject.statusCode).toBe(200);
    // Both name the document already stored: nothing changed, nothing was copied.
    expect((byObject.json() as { data: Profile }).data.__v).toBe(profile.__v);
    expect(await documentIds(user.id)).toEqual([copy!._id]);
    // The reference may move to a new entry.
    const moved = await user.update({
      dematDetails: [
        { depository: 'CDSL', dpID: '12081600', clientID: '00012345', primary: true, clientMasterCopy: copy },
      ],
    });
    expect(moved.statusCode).toBe(200);
    expect((moved.json() as { data: Profile }).data.dematDetails[0]!.clientMasterCopy!._id).toBe(copy!._id);
  });

  it("refuses another user's document, as an _id or as an object, with 400", async () => {
    const owner = await customer(ctx.app);
    const intruder = await customer(ctx.app);
    const { copy } = await upload(owner, await pdfBase64());
    for (const reference of [copy!._id, copy, { _id: copy!._id }]) {
      const { response } = await upload(intruder, reference);
      expect(response.statusCode).toBe(400);
      expect(problems(response)).toEqual([[FIELD, 'unknown_document']]);
    }
    expect(await documentIds(intruder.id)).toEqual([]);
  });

  it('refuses a document of another kind (a selfie) as a master copy', async () => {
    const user = await customer(ctx.app);
    const { db } = ctx.database.handle;
    const key = await ctx.app.services.keys.getOrCreate(db, user.id);
    const image = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    const file = await sanitizeDocument(image, { allowed: ['jpeg'], maxPixels: 1000 });
    const selfie = await ctx.app.services.documents.store(db, user.id, key, 'selfie', file);
    const { response } = await upload(user, selfie.id);
    expect(problems(response)).toEqual([[FIELD, 'unknown_document']]);
  });

  it('deletes a master copy no entry refers to any more', async () => {
    const user = await customer(ctx.app);
    const first = (await upload(user, await pdfBase64('first'))).copy!;
    const second = (await upload(user, await pdfBase64('second'))).copy!;
    expect(second._id).not.toBe(first._id);
    expect(await documentIds(user.id)).toEqual([second._id]);
    expect((await download(`/v1/documents/${first._id}`, user.token)).statusCode).toBe(404);
    expect((await download(first.url)).statusCode).toBe(404);
    expect((await download(second.url)).statusCode).toBe(200);
  });
});

describe('GET /v1/documents/:id', () => {
  it('streams the document to its owner with the bearer token, privately', async () => {
    const user = await customer(ctx.app);
    const { copy } = await upload(user, await pdfBase64());
    const response = await download(`/v1/documents/${copy!._id}`, user.token);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.rawPayload.length).toBe(copy!.size);
    const loaded = await PDFDocument.load(response.rawPayload);
    expect(loaded.getPageCount()).toBe(1);
  });

  it('answers 404, never 403, for another user’s document, an unknown id or a malformed one', async () => {
    const owner = await customer(ctx.app);
    const other = await customer(ctx.app);
    const { copy } = await upload(owner, await pdfBase64());
    for (const url of [
      `/v1/documents/${copy!._id}`,
      '/v1/documents/01900000-0000-7000-8000-000000000000',
      '/v1/documents/not-a-uuid',
    ]) {
      const response = await download(url, other.token);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found' });
    }
  });

  it('needs a bearer token or a signed link', async () => {
    const user = await customer(ctx.app);
    const { copy } = await upload(user, await pdfBase64());
    expect((await download(`/v1/documents/${copy!._id}`)).statusCode).toBe(401);
    const signed = await download(copy!.url);
    expect(signed.statusCode).toBe(200);
    expect(signed.rawPayload.length).toBe(copy!.size);
  });

  it('refuses a tampered, foreign, incomplete or expired signature with 403', async () => {
    const user = await customer(ctx.app);
    const { copy } = await upload(user, await pdfBase64());
    const other = (await upload(await customer(ctx.app), await pdfBase64())).copy!;
    const url = new URL(copy!.url, 'http://localhost');
    const expires = url.searchParams.get('expires')!;
    const signature = url.searchParams.get('signature')!;
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    const keyRing = new KeyRing({ current: TEST_SECRETS.KYC_SECRET });
    const past = Math.floor(Date.now() / 1000) - 1;
    const otherSignature = new URL(other.url, 'http://localhost').searchParams.get('signature')!;
    for (const link of [
      `/v1/documents/${copy!._id}?expires=${expires}&signature=${flipped}`,
      `/v1/documents/${copy!._id}?expires=${Number(expires) + 60}&signature=${signature}`,
      `/v1/documents/${copy!._id}?expires=${expires}&signature=${otherSignature}`,
      `/v1/documents/${copy!._id}?expires=${expires}`,
      `/v1/documents/${copy!._id}?signature=${signature}`,
      `/v1/documents/${copy!._id}?expires=${past}&signature=${keyRing.signUrlToken(`document:${copy!._id}`, past)}`,
    ]) {
      const response = await download(link);
      expect(response.statusCode, link).toBe(403);
      expect(response.json()).toMatchObject({ code: 'forbidden' });
    }
    // A correctly signed link still works, for anyone holding it, bearer or not.
    const future = Math.floor(Date.now() / 1000) + 60;
    const fresh = `/v1/documents/${copy!._id}?expires=${future}&signature=${keyRing.signUrlToken(`document:${copy!._id}`, future)}`;
    expect((await download(fresh)).statusCode).toBe(200);
    const stranger = await customer(ctx.app);
    expect((await authed(ctx.app, stranger.token, { method: 'GET', url: fresh })).statusCode).toBe(200);
  });
});
