// Creates a staff (or customer) account: npm run user:create -- --email a@b.in --name "Ops" --mobile 9876543210 --role reviewer
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { USER_ROLES } from '../db/schema/index.js';
import type { UserRole } from '../db/schema/index.js';
import { KeyRing } from '../lib/crypto/index.js';
import { sealNewUser } from '../modules/auth/new-user.js';
import { createAuthRepository } from '../modules/auth/repository.js';
import { hashPassword, passwordProblem } from '../modules/auth/passwords.js';
import { validateEmail, validateMobile } from '../modules/profile/validators.js';
import { withConfiguredDatabase } from './database.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function fail(message: string): never {
  console.error(`user:create: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string', default: 'Pehchan Staff' },
    mobile: { type: 'string', default: '9999999999' },
    role: { type: 'string', default: 'reviewer' },
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

// A password piped in is used; at an interactive terminal one is generated and printed once.
const generated = process.stdin.isTTY;
const password = generated ? randomBytes(18).toString('base64url') : await readStdin();
const problem = passwordProblem(password, { email, name: values.name, mobileNo });
if (problem) fail(`password ${problem.message}`);

await withConfiguredDatabase(async (database, config) => {
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
  if (!created) fail(`an account with email ${email} already exists`);
  console.log(`created ${role} ${email} (${created.id})`);
  if (generated) console.log(`password (shown once): ${password}`);
});
