import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { staffAuditEvents } from '../../../src/db/schema/index.js';
import { csvCell } from '../../../src/modules/audit/csv.js';
import type { AuditActor } from '../../../src/modules/audit/service.js';
import { authed, useTestApp } from '../../helpers/app.js';
import { promoteAndLogin } from '../../helpers/staff.js';

const ctx = useTestApp();

const admin = (overrides: Record<string, unknown> = {}) =>
  promoteAndLogin(ctx.app, ctx.database, 'admin', overrides);
const get = (token: string, url: string) => authed(ctx.app, token, { method: 'GET', url });

/** Writes entries as `actor` did them, one transaction each, in order. */
async function record(actor: AuditActor, entries: Array<{ action: string; targetId?: string }>) {
  for (const entry of entries)
    await ctx.app.services.audit.record(ctx.database.handle.db, actor, {
      action: entry.action,
      targetType: 'case',
      targetId: entry.targetId ?? randomUUID(),
      details: { field: 'pan', reason: 'matches the document' },
    });
}

describe('the audit log', () => {
  it('lists entries newest first with the actor by name and role, in keyset pages', async () => {
    const viewer = await admin();
    const reviewer = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    const actor = { id: reviewer.userId, role: 'reviewer', ip: '203.0.113.9', userAgent: 'test' };
    await record(
      actor,
      ['case_viewed', 'case_claimed', 'case_revealed', 'case_decided', 'case_released'].map((action) => ({
        action,
      })),
    );

    const seen: Array<{ action: string; id: string }> = [];
    let cursor: string | null = null;
    do {
      const page = await get(
        viewer.token,
        `/v1/admin/audit?actorId=${reviewer.userId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.statusCode).toBe(200);
      const body = page.json();
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data);
      cursor = body.nextCursor;
    } while (cursor);

    expect(seen.map((entry) => entry.action)).toEqual([
      'case_released',
      'case_decided',
      'case_revealed',
      'case_claimed',
      'case_viewed',
    ]);
    expect(seen[0]).toEqual({
      id: expect.any(String),
      actor: { id: reviewer.userId, name: 'Asha Verma', role: 'reviewer' },
      action: 'case_released',
      targetType: 'case',
      targetId: expect.any(String),
      details: { field: 'pan', reason: 'matches the document' },
      ip: '203.0.113.9',
      at: expect.any(String),
    });
  });

  it('filters by actor, action, target and time', async () => {
    const viewer = await admin();
    const reviewer = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    const actor = { id: reviewer.userId, role: 'reviewer' };
    const caseId = randomUUID();
    await record(actor, [{ action: 'case_viewed', targetId: caseId }, { action: 'case_viewed' }]);
    const between = new Date().toISOString();
    await record(actor, [{ action: 'case_revealed', targetId: caseId }]);

    const actions = async (query: string) => {
      const answer = await get(viewer.token, `/v1/admin/audit?actorId=${reviewer.userId}&${query}`);
      expect(answer.statusCode).toBe(200);
      return answer.json().data.map((entry: { action: string }) => entry.action);
    };
    expect(await actions('action=case_viewed')).toEqual(['case_viewed', 'case_viewed']);
    expect(await actions(`targetType=case&targetId=${caseId}`)).toEqual(['case_revealed', 'case_viewed']);
    expect(await actions('targetType=staff')).toEqual([]);
    expect(await actions(`from=${between}`)).toEqual(['case_revealed']);
    expect(await actions(`to=${between}`)).toEqual(['case_viewed', 'case_viewed']);
    const other = await get(viewer.token, `/v1/admin/audit?actorId=${randomUUID()}`);
    expect(other.json()).toEqual({ success: true, data: [], nextCursor: null });
  });

  it.each([
    ['limit=0', '/limit'],
    ['limit=101', '/limit'],
    ['limit=ten', '/limit'],
    ['cursor=abc', '/cursor'],
    ['actorId=someone', '/actorId'],
    ['targetType=customer', '/targetType'],
    ['targetId=1', '/targetId'],
    ['action=Drop%20table', '/action'],
    ['from=yesterday', '/from'],
    ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', '/to'],
    ['unknown=1', ''],
  ])('answers 400 for %s', async (query, field) => {
    const viewer = await admin();
    const answer = await get(viewer.token, `/v1/admin/audit?${query}`);
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    if (field) expect(JSON.stringify(answer.json().errors)).toContain(field);
  });

  it('is for admins only', async () => {
    const reviewer = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    expect((await get(reviewer.token, '/v1/admin/audit')).statusCode).toBe(403);
    expect((await get(reviewer.token, '/v1/admin/audit/export?format=csv')).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/admin/audit' })).statusCode).toBe(401);
  });
});

describe('the audit export', () => {
  it('streams CSV as an attachment, quoted, with formulas made inert', async () => {
    const viewer = await admin();
    // A staff name a spreadsheet would run, with a comma and quotes to escape.
    const mallory = await promoteAndLogin(ctx.app, ctx.database, 'reviewer', {
      name: '=HYPERLINK("http://evil.example", "Open, me")',
    });
    await record({ id: mallory.userId, role: 'reviewer', ip: '198.51.100.7' }, [{ action: 'case_viewed' }]);

    const answer = await get(viewer.token, `/v1/admin/audit/export?format=csv&actorId=${mallory.userId}`);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers['content-disposition']).toMatch(/^attachment; filename="audit-[0-9TZ-]+\.csv"$/);
    expect(answer.headers['x-export-truncated']).toBe('false');
    const lines = answer.body.split('\r\n');
    expect(lines[0]).toBe('id,at,actor_id,actor_name,actor_role,action,target_type,target_id,details,ip');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[1]).toContain(
      `,${mallory.userId},"'=HYPERLINK(""http://evil.example"", ""Open, me"")",reviewer,case_viewed,case,`,
    );
    expect(lines[1]).toContain(',"{""field"":""pan"",""reason"":""matches the document""}",198.51.100.7');
  });

  it('guards every cell a spreadsheet would read as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+91 98765')).toBe("'+91 98765");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a"b')).toBe('"a""b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
  });

  it('streams JSON with the same entries as the list, and records every export', async () => {
    const viewer = await admin();
    const reviewer = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    await record({ id: reviewer.userId, role: 'reviewer' }, [
      { action: 'case_viewed' },
      { action: 'case_claimed' },
    ]);
    const query = `actorId=${reviewer.userId}`;
    const exported = await get(viewer.token, `/v1/admin/audit/export?format=json&${query}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="audit-.*\.json"$/);
    const listed = await get(viewer.token, `/v1/admin/audit?${query}`);
    expect(exported.json()).toEqual(listed.json().data);
    expect(exported.json().map((entry: { action: string }) => entry.action)).toEqual([
      'case_claimed',
      'case_viewed',
    ]);

    const exports = await get(viewer.token, `/v1/admin/audit?actorId=${viewer.userId}&action=audit_exported`);
    expect(exports.json().data).toEqual([
      expect.objectContaining({
        actor: { id: viewer.userId, name: 'Asha Verma', role: 'admin' },
        action: 'audit_exported',
        targetType: 'audit_log',
        details: { format: 'json', actorId: reviewer.userId },
      }),
    ]);
  });

  it('exports an empty log as a header line or an empty array; bad filters are 400s and not recorded', async () => {
    const viewer = await admin();
    const nobody = randomUUID();
    const csv = await get(viewer.token, `/v1/admin/audit/export?format=csv&actorId=${nobody}`);
    expect(csv.body).toBe('id,at,actor_id,actor_name,actor_role,action,target_type,target_id,details,ip\r\n');
    const json = await get(viewer.token, `/v1/admin/audit/export?format=json&actorId=${nobody}`);
    expect(json.json()).toEqual([]);
    for (const query of ['format=xlsx', '', 'format=csv&limit=5', 'format=csv&targetType=nothing']) {
      expect((await get(viewer.token, `/v1/admin/audit/export?${query}`)).statusCode).toBe(400);
    }
    const rows = await ctx.database.handle.db.select().from(staffAuditEvents);
    expect(rows.filter((row) => row.actorId === viewer.userId)).toHaveLength(2);
  });
});
