import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverNodeFlags } from '../scripts/start-command.js';
import { passingSelfie } from '../src/providers/cashfree-simulator/test-images.js';
import { newUser, STRONG_PASSWORD, TEST_SECRETS } from './helpers/app.js';
import { freePort } from './helpers/free-port.js';
import { sandboxProfile } from './helpers/kyc.js';
import { loginStaff } from './helpers/staff.js';
import type { Post } from './helpers/staff.js';
import { imagePart, multipart } from './helpers/multipart.js';
import { checkResponse } from './helpers/response-guard.js';
import { objectStreamBomb, pdfWith } from './modules/documents/hostile-pdfs.js';

/*
 * What `npm start` runs: the esbuild bundle, with the native and file-reading packages left
 * outside it. Each step below goes through one of those (migrations beside the bundle, argon2,
 * pdf-lib's lazily loaded chunk, libvips, the docs UI's static files), on the embedded database.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Inside the repository, so that the bundle finds the external packages in node_modules.
const OUT = path.join(ROOT, 'node_modules', '.cache', `pehchan-build-test-${process.pid}`);
const dataDir = mkdtempSync(path.join(tmpdir(), 'pehchan-build-'));
let server: ChildProcess | undefined;
let base = '';
let output = '';

const env = (port: number) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  NODE_ENV: 'development',
  HOST: '127.0.0.1',
  PORT: String(port),
  SIMULATOR_PORT: '0',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  JOBS_ENABLED: 'true',
  ...TEST_SECRETS,
});

async function call(
  method: string,
  url: string,
  options: { token?: string; json?: unknown; body?: Buffer; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${url}`, {
    method,
    headers,
    body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
  });
  const text = await response.text();
  checkResponse(url, text, Object.values(TEST_SECRETS));
  return { status: response.status, text, json: () => JSON.parse(text) };
}

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs', OUT], { cwd: ROOT, stdio: 'pipe' });
  const port = await freePort();
  // The command-line tool runs first, on its own: it creates and migrates the embedded database.
  execFileSync(
    process.execPath,
    [path.join(OUT, 'cli/user-create.js'), '--email', 'reviewer@example.com', '--role', 'reviewer'],
    {
      env: env(port),
      input: STRONG_PASSWORD,
      stdio: 'pipe',
    },
  );
  server = spawn(process.execPath, [...serverNodeFlags(), path.join(OUT, 'server.js')], {
    env: env(port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (server.exitCode !== null)
      throw new Error(`the built server exited with ${server.exitCode}:\n${output}`);
    const ready = await fetch(`${base}/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (ready === 200) break;
    if (Date.now() > deadline) throw new Error(`the built server was not ready in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(OUT, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the built server (npm run build, node dist/server.js)', () => {
  it('runs with the same Node flags under npm start and in the Docker image', () => {
    const flags = serverNodeFlags();
    expect(flags).toContain('--max-old-space-size=512');
    const command = /^CMD (\[.*\])$/m.exec(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(command!)).toEqual(['node', ...flags, 'dist/server.js']);
  });

  it('serves the API description and the documentation UI', async () => {
    const openapi = await call('GET', '/openapi.json');
    expect(openapi.status).toBe(200);
    expect(openapi.json().paths['/v1/user/getDetails']).toBeDefined();
    const docs = await call('GET', '/docs/static/index.html');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger-ui');
  });

  it('logs in the account the command-line tool created, enrolling its second factor', async () => {
    const post: Post = async (url, json) => {
      const response = await call('POST', url, { json });
      return { status: response.status, body: response.json() };
    };
    const { token } = await loginStaff(post, { email: 'reviewer@example.com', password: STRONG_PASSWORD });
    const queue = await call('GET', '/v1/review/cases', { token });
    expect(queue.status).toBe(200);
  });

  it('a command-line tool run beside it refuses, says what to do instead, and changes nothing', async () => {
    const tool = spawnSync(
      process.execPath,
      [path.join(OUT, 'cli/user-create.js'), '--email', 'late@example.com', '--role', 'admin'],
      { env: env(0), input: STRONG_PASSWORD, encoding: 'utf8' },
    );
    expect(tool.status).toBe(3);
    expect(tool.stdout).not.toContain('created');
    expect(tool.stderr).toContain(`the Pehchan server (pid ${server!.pid}`);
    expect(tool.stderr).toContain('stop the server and run this again');
    const login = await call('POST', '/v1/auth/login', {
      json: { email: 'late@example.com', password: STRONG_PASSWORD },
    });
    expect(login.status).toBe(401);
  });

  it('registers a customer, saves a profile with a PDF and checks a selfie', async () => {
    const body = newUser();
    expect((await call('POST', '/v1/auth/register', { json: body })).status).toBe(201);
    const login = await call('POST', '/v1/auth/login', {
      json: { email: body.email, password: body.password },
    });
    const { token } = login.json();
    const saved = await call('PUT', '/v1/data/update_data', { token, json: await sandboxProfile() });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json().data.dematDetails[0].clientMasterCopy).toMatchObject({
      contentType: 'application/pdf',
    });

    const consent = await call('POST', '/v1/consents', {
      token,
      json: { purpose: 'kyc_verification', noticeVersion: '2026-11' },
    });
    expect(consent.status).toBe(201);
    const selfie = multipart([imagePart(await passingSelfie(3))]);
    const checked = await call('POST', '/v1/image/liveliness_check', {
      token,
      body: selfie.payload,
      headers: selfie.headers,
    });
    expect(checked.status).toBe(200);
    expect(checked.json().data).toMatchObject({ status: 'SUCCESS', liveliness: true });
  });

  it('checks PDFs in the bundled worker: a 1 GB inflate bomb and an external action are refused', async () => {
    const body = newUser();
    expect((await call('POST', '/v1/auth/register', { json: body })).status).toBe(201);
    const login = await call('POST', '/v1/auth/login', {
      json: { email: body.email, password: body.password },
    });
    const { token } = login.json();
    const withCopy = async (copy: Buffer) => {
      const profile = await sandboxProfile();
      profile.dematDetails[0]!.clientMasterCopy = copy.toString('base64');
      return profile;
    };

    let uploading = true;
    const upload = call('PUT', '/v1/data/update_data', {
      token,
      json: await withCopy(await objectStreamBomb(1024 ** 3)),
    }).finally(() => (uploading = false));
    let answeredMeanwhile = 0;
    while (uploading) {
      expect((await call('GET', '/health/live')).status).toBe(200);
      if (uploading) answeredMeanwhile++;
    }
    expect(answeredMeanwhile).toBeGreaterThan(0);
    const bomb = await upload;
    expect(bomb.status, bomb.text).toBe(400);
    expect(bomb.json().errors).toEqual([
      expect.objectContaining({ field: '/dematDetails/0/clientMasterCopy', code: 'document_too_complex' }),
    ]);

    const reaching = await call('PUT', '/v1/data/update_data', {
      token,
      json: await withCopy(pdfWith('/OpenAction << /S /URI /URI (https://attacker.example/) >>')),
    });
    expect(reaching.status, reaching.text).toBe(415);
    expect(reaching.json().errors[0]).toMatchObject({ code: 'pdf_external_action' });
  });

  it('shuts down with exit code 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
    server!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(true);
  });
});
