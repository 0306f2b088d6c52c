import { describe, expect, it } from 'vitest';
import { registerAndLogin, useTestApp } from '../../helpers/app.js';
import { readyApplicant } from '../../helpers/kyc.js';
import { unzip } from '../../helpers/zip.js';

// Any account with a selfie and a master copy is "large" here: its ZIP goes to the background.
const ctx = useTestApp({ JOBS_ENABLED: 'true', EXPORT_ZIP_INLINE_MAX_BYTES: '1000' });

const query = async (text: string, values: unknown[] = []) =>
  (await ctx.database.handle.sql.executeSql(text, values)).rows as Array<Record<string, unknown>>;

const userIdOf = async (email: string) =>
  (await query('select id from users where email = $1', [email]))[0]!.id as string;

describe('POST /v1/me/exports', () => {
  it('prepares the ZIP of a large account in the background, encrypted, for its owner only, until it expires', async () => {
    const applicant = await readyApplicant(ctx.app);
    const inline = await applicant.call('GET', '/v1/me/export?format=zip');
    expect(inline.statusCode).toBe(413);
    expect(inline.json()).toMatchObject({
      code: 'export_too_large',
      detail: expect.stringContaining('/v1/me/exports'),
    });

    const requested = await applicant.call('POST', '/v1/me/exports');
    expect(requested.statusCode, requested.body).toBe(202);
    const { id } = requested.json().data;
    let view = requested.json().data;
    for (let tries = 0; view.status === 'pending' && tries < 120; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      view = (await applicant.call('GET', `/v1/me/exports/${id}`)).json().data;
    }
    expect(view).toMatchObject({ id, status: 'ready', failure: null, size: expect.any(Number) });
    expect(Date.parse(view.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(view).not.toHaveProperty('userId');

    // Stored encrypted: not a ZIP, and none of the customer's values, in the table.
    const [stored] = await query('select encode(content, $2) as content from data_exports where id = $1', [
      id,
      'escape',
    ]);
    expect(String(stored!.content).startsWith('PK')).toBe(false);
    expect(String(stored!.content)).not.toContain(applicant.pan);

    const download = await applicant.call('GET', `/v1/me/exports/${id}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['cache-control']).toBe('no-store');
    expect(download.rawPayload.length).toBe(view.size);
    const entries = unzip(download.rawPayload);
    const json = JSON.parse(entries.get('pehchan-export.json')!.toString('utf8'));
    expect(json.tables.pan_details[0].pan_number).toBe(applicant.pan);
    expect([...entries.keys()].filter((name) => name.startsWith('documents/')).length).toBe(
      json.tables.documents.length,
    );

    const stranger = await registerAndLogin(ctx.app);
    for (const url of [`/v1/me/exports/${id}`, `/v1/me/exports/${id}/download`]) {
      const answer = await ctx.app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${stranger.token}` },
      });
      expect(answer.statusCode).toBe(404);
    }
    expect((await applicant.call('GET', '/v1/me/exports/not-an-id')).statusCode).toBe(404);

    const userId = await userIdOf(applicant.email);
    const events = await query(
      `select event from auth_events where user_id = $1 and event like 'data_export%'`,
      [userId],
    );
    expect(events.map((row) => row.event).sort()).toEqual(['data_export_requested', 'data_exported_zip']);

    // Past its window: gone for the customer at once, deleted by the retention job.
    await query(`update data_exports set expires_at = now() - interval '1 minute' where id = $1`, [id]);
    expect((await applicant.call('GET', `/v1/me/exports/${id}/download`)).statusCode).toBe(404);
    expect(await ctx.app.services.privacyExports.purgeExpiredBackgroundZips()).toBeGreaterThanOrEqual(1);
    expect((await applicant.call('GET', `/v1/me/exports/${id}`)).statusCode).toBe(404);
  }, 90_000);

  it('answers the export being prepared when asked again, and replaces one whose job was lost', async () => {
    const customer = await registerAndLogin(ctx.app);
    const call = (method: 'GET' | 'POST', url: string) =>
      ctx.app.inject({ method, url, headers: { authorization: `Bearer ${customer.token}` } });
    const userId = await userIdOf(customer.email);
    const [pending] = await query(
      `insert into data_exports (id, user_id) values (gen_random_uuid(), $1) returning id::text as id`,
      [userId],
    );

    const again = await call('POST', '/v1/me/exports');
    expect(again.statusCode).toBe(202);
    expect(again.json().data).toMatchObject({ id: pending!.id, status: 'pending' });
    const notReady = await call('GET', `/v1/me/exports/${String(pending!.id)}/download`);
    expect(notReady.statusCode).toBe(409);
    expect(notReady.json().code).toBe('export_not_ready');

    await query(`update data_exports set requested_at = now() - interval '2 hours' where id = $1`, [
      pending!.id,
    ]);
    const replaced = await call('POST', '/v1/me/exports');
    expect(replaced.json().data.id).not.toBe(pending!.id);
    const [lost] = await query('select status from data_exports where id = $1', [pending!.id]);
    expect(lost!.status).toBe('failed');
  });
});
