// Creates a staff (or customer) account:
//   npm run user:create -- --email a@b.in --name "Ops" --role admin                 (asks for the password at a terminal)
//   printf '%s' "$PASSWORD" | npm run user:create -- --email a@b.in --role reviewer (password on standard input)
//   npm run user:create -- --email a@b.in --role admin --generate-password          (prints a generated one once)
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { USER_ROLES } from '../db/schema/index.js';
import type { UserRole } from '../db/schema/index.js';
import { KeyRing } from '../lib/crypto/index.js';
import { sealNewUser } from '../modules/auth/new-user.js';
import { createAuthRepository } from '../modules/auth/repository.js';
import { hashPassword, passwordProblem } from '../modules/auth/passwords.js';
import { validateEmail, validateMobile } from '../modules/profile/validators.js';
import { failTool, withConfiguredDatabase } from './database.js';

const TOOL = {
  name: 'user:create',
  whileServerRuns: 'or have an admin invite the account over the HTTP API (POST /v1/admin/staff)',
};
function fail(message: string): never {
  return failTool(TOOL.name, message);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Reads a line at the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve) => {
    let answer = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(answer);
          return;
        }
        if (char === '\u0003' || char === '\u0004') {
          finish();
          fail('cancelled');
        }
        if (char === '\u007f' || char === '\b') answer = [...answer].slice(0, -1).join('');
        else answer += char;
      }
    };
    stdin.on('data', onData);
  });
}

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string', default: 'Pehchan Staff' },
    mobile: { type: 'string', default: '9999999999' },
    role: { type: 'string', default: 'reviewer' },
    'generate-password': { type: 'boolean', default: false },
  },
});
const emailCheck = validateEmail(values.email);
const email = emailCheck.ok ? emailCheck.value : fail('--email must be a valid email address');
const mobileCheck = validateMobile(values.mobile);
const mobileNo = mobileCheck.ok
  ? mobileCheck.value
  : fail('--mobile must be a 10-digit Indian mobile number');
const role = USER_ROLES.includes(values.role as UserRole)
  ? (values.role as UserRole)
  : fail(`--role must be one of ${USER_ROLES.join(', ')}`);

async function obtainPassword(): Promise<string> {
  if (values['generate-password']) return randomBytes(18).toString('base64url');
  if (process.stdin.isTTY) {
    const password = await askHidden(`Password for ${email}: `);
    if ((await askHidden('Repeat the password: ')) !== password) fail('the two passwords differ');
    return password;
  }
  const piped = await readStdin();
  if (piped === '') {
    fail(
      'no password on standard input and no terminal to ask at: pipe one in (printf \'%s\' "$PASSWORD" | npm run user:create -- …) or pass --generate-password',
    );
  }
  return piped;
}

const password = await obtainPassword();
const problem = passwordProblem(password, { email, name: values.name, mobileNo });
if (problem) fail(`password ${problem.message}`);

await withConfiguredDatabase(TOOL, async (database, config) => {
  const keyRing = new KeyRing({ current: config.kycSecret, previous: config.kycSecretPrevious });
  const created = await createAuthRepository(database.db).insertUser(
    sealNewUser(keyRing, {
      email,
      name: values.name!,
      mobileNo,
      passwordHash: await hashPassword(password),
      role,
    }),
  );
  if (!created) fail(`an account with email ${email} already exists; nothing was changed`);
  console.log(`created ${role} ${email} (${created.id})`);
  if (values['generate-password']) console.log(`password (shown once): ${password}`);
});
