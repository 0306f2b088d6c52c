import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { authed, registerAndLogin, useTestApp } from '../helpers/app.js';
import { promoteAndLogin, reloginStaff } from '../helpers/staff.js';

// Schema-driven fuzzing over the served API description: every operation gets bounded runs of wrong
// types, huge and unicode strings, deep JSON and wrong content types, under every kind of caller.
// Nothing may answer 5xx or show a stack trace; the response guard (test/setup.ts) checks for leaks.

const ctx = useTestApp();

const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const STACK_TRACE = /\bat [\w$.<>[\] ]+ \(?[^)\s]*:\d+:\d+\)?|node:internal|\/src\/[\w/-]+\.ts/;

type Schema = Record<string, unknown>;
interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  pathParams: string[];
  query: Array<{ name: string; schema: Schema }>;
  body: Schema | undefined;
  multipart: boolean;
}

let spec: Schema;
const resolve = (schema: unknown): Schema => {
  let current = (schema ?? {}) as Schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 10; hops++) {
    const pointer = (current.$ref as string).replace(/^#\//, '').split('/');
    current = pointer.reduce<Schema>((node, key) => (node[key] ?? {}) as Schema, spec);
  }
  return current;
};

function operationsOf(document: Schema): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Schema>)) {
    for (const method of METHODS) {
      const operation = item[method] as Schema | undefined;
      if (!operation) continue;
      const parameters = ((operation.parameters ?? []) as Schema[]).map(resolve);
      const content = (resolve(operation.requestBody).content ?? {}) as Record<string, { schema?: unknown }>;
      operations.push({
        method,
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name as string),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name as string, schema: resolve(p.schema) })),
        body: content['application/json'] ? resolve(content['application/json'].schema) : undefined,
        multipart: 'multipart/form-data' in content || path.endsWith('liveliness_check'),
      });
    }
  }
  return operations;
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile values

const hugeString = fc.constantFrom('a'.repeat(70_000), '\u0928'.repeat(20_000), '9'.repeat(5000));
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uFEFF',
    '\uD800',
    '%00',
    '../../etc/passwd',
    "' or 1=1 --",
    '<script>alert(1)</script>',
    '{{7*7}}',
    '${jndi:ldap://x}',
    '__proto__',
    'constructor',
    'NaN',
    '-1',
    '1e309',
    '0x10',
    '2026-13-45',
    '0000-00-00',
    '019b0000-0000-7000-8000-000000000000',
    'ABCDE1234F',
    'XXXXX1234X',
    '१२३४५६',
  ),
  hugeString,
);
const deepValue = fc.integer({ min: 20, max: 200 }).map((depth) => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});
const anyWrongValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, -1e308, [], {}),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
  deepValue,
);

/** A value for `schema`: often valid-looking, often wrong. */
function valueFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema);
  const variants = (resolved.anyOf ?? resolved.oneOf) as Schema[] | undefined;
  if (variants?.length)
    return fc.oneof(...variants.map((variant) => valueFor(variant, depth)), anyWrongValue);
  if (resolved.const !== undefined) return fc.oneof(fc.constant(resolved.const), anyWrongValue);
  if (Array.isArray(resolved.enum))
    return fc.oneof(fc.constantFrom(...(resolved.enum as unknown[])), anyWrongValue);
  const type = Array.isArray(resolved.type) ? resolved.type[0] : resolved.type;
  if (depth > 4) return anyWrongValue;
  switch (type) {
    case 'object':
      return objectFor(resolved, depth);
    case 'array':
      return fc.oneof(
        fc.array(valueFor((resolved.items ?? {}) as Schema, depth + 1), { maxLength: 4 }),
        fc.array(anyWrongValue, { maxLength: 30 }),
        anyWrongValue,
      );
    case 'integer':
    case 'number':
      return fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 53, 1e21), anyWrongValue);
    case 'boolean':
      return fc.oneof(fc.boolean(), anyWrongValue);
    default:
      return fc.oneof(nastyString, anyWrongValue);
  }
}

function objectFor(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) record[name] = valueFor(property, depth + 1);
  return fc
    .tuple(
      fc.record(record, { requiredKeys: [] }),
      fc.dictionary(nastyString, anyWrongValue, { maxKeys: 2 }),
      fc.boolean(),
    )
    .map(([known, extra, withExtra]) => (withExtra ? { ...known, ...extra } : known));
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zzz',
  'application/json; charset=utf-16',
  'application/octet-stream',
  'image/png',
];

interface Caller {
  label: string;
  headers: Record<string, string>;
}

const bodyArbitrary = (operation: Operation) => {
  const jsonBody = valueFor(operation.body ?? { type: 'object' }).map((value) => ({
    payload: JSON.stringify(value) ?? 'null',
    headers: { 'content-type': 'application/json' } as Record<string, string>,
  }));
  const rawBody = fc
    .tuple(
      fc.oneof(
        nastyString,
        fc.constantFrom(
          '{',
          '[1,2',
          '{"a":1}}',
          'null',
          '1',
          '"x"',
          `${'['.repeat(3000)}${']'.repeat(3000)}`,
        ),
      ),
      fc.constantFrom('application/json', ...CONTENT_TYPES),
    )
    .map(([payload, contentType]) => ({
      payload,
      headers: { 'content-type': contentType } as Record<string, string>,
    }));
  const compressed = jsonBody.map((body) => ({
    ...body,
    headers: { ...body.headers, 'content-encoding': 'gzip' } as Record<string, string>,
  }));
  const multipartBody = fc
    .tuple(fc.constantFrom('image', 'file', ''), fc.uint8Array({ maxLength: 200 }))
    .map(([field, bytes]) => {
      const boundary = 'fuzzboundary';
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="a.jpg"\r\n` +
            'Content-Type: image/jpeg\r\n\r\n',
        ),
        Buffer.from(bytes),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}` };
      return { payload, headers };
    });
  return fc.oneof(
    { weight: 5, arbitrary: jsonBody },
    { weight: 2, arbitrary: rawBody },
    { weight: 1, arbitrary: compressed },
    { weight: operation.multipart ? 3 : 1, arbitrary: multipartBody },
  );
};

function requestArbitrary(operation: Operation, callers: Caller[]) {
  const pathValues = fc.tuple(...operation.pathParams.map(() => nastyString), fc.constant(0));
  const queryValues = fc.record(
    Object.fromEntries(operation.query.map((q) => [q.name, valueFor(q.schema)])),
    { requiredKeys: [] },
  );
  const withBody = operation.method !== 'get' && operation.method !== 'delete';
  return fc.record({
    caller: fc.constantFrom(...callers),
    pathValues,
    query: queryValues,
    body: withBody ? bodyArbitrary(operation) : fc.constant(undefined),
  });
}

/** Lone surrogates cannot be percent-encoded; a client would have sent U+FFFD. */
const wellFormed = (value: string) =>
  value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

function urlOf(operation: Operation, pathValues: unknown[], query: Record<string, unknown>) {
  let index = 0;
  const path = operation.path.replace(/\{[^}]+\}/g, () =>
    encodeURIComponent(wellFormed(String(pathValues[index++]))),
  );
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    search.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  const queryString = search.toString();
  return queryString ? `${path}?${queryString}` : path;
}

describe('fuzzing every operation of /openapi.json', () => {
  let operations: Operation[] = [];
  let customer = { email: '', password: '' };
  const staff: Array<[string, Awaited<ReturnType<typeof promoteAndLogin>>]> = [];
  let apiKey = '';

  beforeAll(async () => {
    spec = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    operations = operationsOf(spec);
    customer = await registerAndLogin(ctx.app);
    staff.push(['reviewer', await promoteAndLogin(ctx.app, ctx.database, 'reviewer')]);
    const admin = await promoteAndLogin(ctx.app, ctx.database, 'admin');
    staff.push(['admin', admin]);
    const created = await authed(ctx.app, admin.token, {
      method: 'POST',
      url: '/v1/admin/api-keys',
      payload: { name: 'fuzz', scopes: ['users:read', 'users:write', 'cases:read', 'links:write'] },
    });
    apiKey = created.json().data.key;
  });

  /** Fresh sessions for each operation, so a fuzzed logout cannot blind the rest of the run. */
  async function callers(): Promise<Caller[]> {
    const result: Caller[] = [
      { label: 'anonymous', headers: {} },
      { label: 'api key', headers: { 'x-api-key': apiKey } },
      { label: 'forged token', headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' } },
    ];
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: customer.email, password: customer.password },
    });
    result.push({ label: 'customer', headers: { authorization: `Bearer ${login.json().token}` } });
    for (const [role, account] of staff) {
      const { token } = await reloginStaff(ctx.app, ctx.database, account);
      result.push({ label: role, headers: { authorization: `Bearer ${token}` } });
    }
    return result;
  }

  it('finds the operations to fuzz', () => {
    expect(operations.length).toBeGreaterThan(30);
  });

  it('answers every hostile request below 500, without a stack trace', { timeout: 600_000 }, async () => {
    let sent = 0;
    const failures: string[] = [];
    for (const operation of operations) {
      const available = await callers();
      const result = await fc.check(
        fc.asyncProperty(
          requestArbitrary(operation, available),
          async ({ caller, pathValues, query, body }) => {
            const url = urlOf(operation, pathValues, query);
            const response = await ctx.app.inject({
              method: operation.method.toUpperCase() as 'GET',
              url,
              headers: { ...caller.headers, ...body?.headers },
              ...(body ? { payload: body.payload } : {}),
            });
            sent++;
            const problem =
              response.statusCode >= 500
                ? 'a 5xx answer'
                : STACK_TRACE.test(response.body)
                  ? 'a stack trace'
                  : response.statusCode >= 400 &&
                      !/^application\/problem\+json/.test(String(response.headers['content-type']))
                    ? 'an error that is not problem+json'
                    : undefined;
            if (problem) {
              // fast-check would print the whole (possibly huge) request: name it briefly instead.
              throw new Error(
                `${problem}: ${operation.method.toUpperCase()} ${url.slice(0, 160)} as ${caller.label}` +
                  ` (${String(body?.headers['content-type'])}) -> ${response.statusCode} ` +
                  `${response.headers['content-type']} ${response.body.slice(0, 300)}`,
              );
            }
          },
        ),
        { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
      );
      if (result.failed)
        failures.push(
          result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance),
        );
    }
    expect(failures).toEqual([]);
    expect(sent).toBe(operations.length * RUNS_PER_OPERATION);
  });
});
