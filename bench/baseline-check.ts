/*
 * Before it is measured, the baseline must answer what Pehchan answers, or `server CPU per request / baseline's`
 * compares two different pieces of work: getDetails the same JSON, value for value; update_data the same shape,
 * having written what Pehchan then reads back.
 */
import { expectStatus } from './http.js';

/** Where two JSON values differ, as JSON pointers: in shape (keys, types, array lengths), and in values if asked. */
export function jsonDifferences(a: unknown, b: unknown, compareValues: boolean, path = ''): string[] {
  const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  if (kind(a) !== kind(b)) return [`${path || '/'}: ${kind(a)} ≠ ${kind(b)}`];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: ${a.length} ≠ ${b.length} elements`];
    return a.flatMap((element, index) =>
      jsonDifferences(element, b[index], compareValues, `${path}/${index}`),
    );
  }
  if (kind(a) !== 'object') {
    return compareValues && a !== b ? [`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`] : [];
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  return [...new Set([...Object.keys(left), ...Object.keys(right)])].flatMap((key) =>
    key in left && key in right
      ? jsonDifferences(left[key], right[key], compareValues, `${path}/${key}`)
      : [`${path}/${key}: only in ${key in left ? 'the first' : 'the second'}`],
  );
}

/** Signed links carry their expiry (the second they were made) and its signature: not part of the comparison. */
const withoutLinkSignatures = (body: string) =>
  JSON.parse(body.replace(/\?expires=\d+&signature=[\w-]+/g, '')) as { data: unknown };

function expectAlike(what: string, a: unknown, b: unknown, compareValues: boolean) {
  const differences = jsonDifferences(a, b, compareValues);
  if (differences.length > 0) {
    throw new Error(`${what} (first ≠ second):\n  ${differences.slice(0, 20).join('\n  ')}`);
  }
}

interface UpdateRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** `updates`: two requests for the user of `token`, each with an income not stored yet. */
export async function checkBaselineAnswers(
  base: string,
  baselineUrl: string,
  token: string,
  updates: [UpdateRequest, UpdateRequest],
) {
  const getDetails = async (url: string) =>
    withoutLinkSignatures((await expectStatus(200, url, 'GET', '/v1/user/getDetails', { token })).body);
  const update = async (url: string, request: UpdateRequest) =>
    withoutLinkSignatures(
      (
        await expectStatus(200, url, 'PUT', request.path, {
          headers: request.headers,
          body: Buffer.from(request.body),
        })
      ).body,
    );
  expectAlike(
    "getDetails: Pehchan's answer and the baseline's differ",
    await getDetails(base),
    await getDetails(baselineUrl),
    true,
  );
  const pehchanUpdate = await update(base, updates[0]);
  const baselineUpdate = await update(baselineUrl, updates[1]);
  expectAlike(
    "update_data: Pehchan's answer and the baseline's differ in shape",
    pehchanUpdate,
    baselineUpdate,
    false,
  );
  expectAlike(
    "update_data: the baseline's answer and Pehchan's getDetails after it differ",
    baselineUpdate.data,
    (await getDetails(base)).data,
    true,
  );
  console.log(
    'baseline: getDetails answers the same JSON as Pehchan; update_data the same shape, and writes what Pehchan reads back',
  );
}
