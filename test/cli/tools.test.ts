import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { LOCK_FILE } from '../../src/db/data-dir-lock.js';
import { users } from '../../src/db/schema/index.js';
import { verifyPassword } from '../../src/modules/auth/passwords.js';
import { STRONG_PASSWORD, TEST_SECRETS } from '../helpers/app.js';

/*
 * The command-line tools on the embedded database, as an operator runs them (`npm run …` is tsx on
 * these files). The server is stood in for by this test process holding the database open, which
 * takes the same lock the server takes; test/build.test.ts runs a tool beside the real server.
 */
const TOOLS = {
  'user:create': 'src/cli/user-create.ts',
  'apikey:create': 'src/cli/apikey-create.ts',
  'keys:rewrap': 'src/cli/rewrap-keys.ts',
  'db:migrate': 'src/db/migrate.ts',
} as const;

function runTool(
  tool: keyof typeof TOOLS,
  args: string[],
  dataDir: string,
  options: { input?: string; env?: Record<string, string> } = {},
) {
  return spawnSync(process.execPath, ['--import', 'tsx', TOOLS[tool], ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(options.env ?? TEST_SECRETS),
    },
    timeout: 60_000,
  });
}

const newDataDir = () => mkdtempSync(path.join(tmpdir(), 'pehchan-cli-'));
const openEmbedded = (dataDir: string) =>
  openDatabase({ url: undefined, dataDir, connectTimeoutMs: 5000, statementTimeoutMs: 30_000, poolMax: 1 });
const createArgs = (email: string) => ['--email', email, '--role', 'admin'];

async function accountsIn(dataDir: string) {
  const database = await openEmbedded(dataDir);
  try {
    return await database.db
      .select({ email: users.email, role: users.role, hash: users.passwordHash })
      .from(users);
  } finally {
    await database.close();
  }
}

describe('command-line tools while the server holds the embedded database', { timeout: 120_000 }, () => {
  it('every tool refuses, says who holds it and what to do instead, and changes nothing', async () => {
    const dataDir = newDataDir();
    const server = await openEmbedded(dataDir);
    await server.migrate();
    try {
      const results = {
        'user:create': runTool('user:create', createArgs('first@example.com'), dataDir, {
          input: STRONG_PASSWORD,
        }),
        'apikey:create': runTool('apikey:create', ['--name', 'Backend', '--scopes', 'users:read'], dataDir),
        'keys:rewrap': runTool('keys:rewrap', [], dataDir),
        'db:migrate': runTool('db:migrate', [], dataDir),
      };
      for (const [tool, result] of Object.entries(results)) {
        expect(result.status, `${tool}: ${result.stderr}`).toBe(3);
        expect(result.stdout).not.toMatch(/created|applied|rewrapped/);
        expect(result.stderr).toContain(`${tool}: the Pehchan server (pid ${process.pid}`);
        expect(result.stderr).toContain(`holds the embedded database in ${dataDir}`);
        expect(result.stderr).toContain('stop the server and run this again');
        expect(result.stderr).toContain('use PostgreSQL (DATABASE_URL)');
      }
      expect(results['user:create'].stderr).toContain('POST /v1/admin/staff');
      expect(results['apikey:create'].stderr).toContain('POST /v1/admin/api-keys');
      expect(await server.db.select().from(users)).toEqual([]);
    } finally {
      await server.close();
    }
    // The server's lock went with it; the tools' refusals left none of their own.
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });
});

describe('the server while a command-line tool holds the embedded database', { timeout: 120_000 }, () => {
  it('refuses to start, naming the tool', async () => {
    const dataDir = newDataDir();
    const tool = await openDatabase({
      url: undefined,
      dataDir,
      connectTimeoutMs: 5000,
      statementTimeoutMs: 30_000,
      poolMax: 1,
      holder: 'keys:rewrap',
    });
    try {
      const server = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'development',
          DATA_DIR: dataDir,
          HOST: '127.0.0.1',
          PORT: '0',
          LOG_LEVEL: 'silent',
          ...TEST_SECRETS,
        },
        timeout: 60_000,
      });
      expect(server.status).toBe(1);
      expect(server.stderr).toContain(
        `Pehchan failed to start: the command-line tool keys:rewrap (pid ${process.pid}`,
      );
    } finally {
      await tool.close();
    }
  });
});

describe('command-line tools while the server is stopped', { timeout: 120_000 }, () => {
  it('user:create creates the account once, and a second run says it already exists', async () => {
    const dataDir = newDataDir();
    const first = runTool('user:create', createArgs('Admin@Example.com'), dataDir, {
      input: STRONG_PASSWORD,
    });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^created admin admin@example\.com \(/);
    expect(first.stdout).not.toContain(STRONG_PASSWORD);

    const again = runTool('user:create', createArgs('admin@example.com'), dataDir, {
      input: STRONG_PASSWORD,
    });
    expect(again.status).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('an account with email admin@example.com already exists');

    const accounts = await accountsIn(dataDir);
    expect(accounts.map(({ email, role }) => ({ email, role }))).toEqual([
      { email: 'admin@example.com', role: 'admin' },
    ]);
    expect(await verifyPassword(accounts[0]!.hash, STRONG_PASSWORD)).toBe(true);
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dataDir = newDataDir();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(
      path.join(dataDir, LOCK_FILE),
      JSON.stringify({
        pid: gone,
        hostname: hostname(),
        holder: 'server',
        startedAt: '2020-01-01T00:00:00Z',
        nonce: 'x',
      }),
    );
    const result = runTool('user:create', createArgs('after-crash@example.com'), dataDir, {
      input: STRONG_PASSWORD,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((await accountsIn(dataDir)).map((account) => account.email)).toEqual(['after-crash@example.com']);
    expect(readdirSync(dataDir).filter((name) => name.startsWith(LOCK_FILE))).toEqual([]);
  });

  it('without a password on standard input and no terminal, says so; --generate-password prints one once', async () => {
    const dataDir = newDataDir();
    const none = runTool('user:create', createArgs('nopass@example.com'), dataDir);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no password on standard input and no terminal to ask at');
    expect(none.stderr).toContain('--generate-password');
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(false);

    const generated = runTool(
      'user:create',
      [...createArgs('generated@example.com'), '--generate-password'],
      dataDir,
    );
    expect(generated.stderr).toBe('');
    expect(generated.status).toBe(0);
    const password = /^password \(shown once\): (\S+)$/m.exec(generated.stdout)?.[1];
    expect(password).toHaveLength(24);
    const [account] = await accountsIn(dataDir);
    expect(await verifyPassword(account!.hash, password!)).toBe(true);
  });

  it('never generates secrets: without SESSION_SECRET / KYC_SECRET or their files, each tool stops naming them', () => {
    const dataDir = newDataDir();
    for (const tool of Object.keys(TOOLS) as Array<keyof typeof TOOLS>) {
      const args =
        tool === 'user:create'
          ? createArgs('nosecret@example.com')
          : tool === 'apikey:create'
            ? ['--name', 'x', '--scopes', 'users:read']
            : [];
      const result = runTool(tool, args, dataDir, { input: STRONG_PASSWORD, env: {} });
      expect(result.status, `${tool}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain('SESSION_SECRET is not set');
      expect(result.stderr).toContain('KYC_SECRET is not set');
      expect(result.stderr).toContain('command-line tools never generate secrets');
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('uses the secrets the server generated into DATA_DIR', async () => {
    const dataDir = newDataDir();
    writeFileSync(path.join(dataDir, 'session_secret.key'), `${TEST_SECRETS.SESSION_SECRET}\n`);
    writeFileSync(path.join(dataDir, 'kyc_secret.key'), `${TEST_SECRETS.KYC_SECRET}\n`);
    const result = runTool('user:create', createArgs('files@example.com'), dataDir, {
      input: STRONG_PASSWORD,
      env: {},
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(dataDir, 'kyc_secret.key'), 'utf8')).toBe(`${TEST_SECRETS.KYC_SECRET}\n`);
    expect((await accountsIn(dataDir)).map((account) => account.email)).toEqual(['files@example.com']);
  });
});
