import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The onboarding app as `npm start` serves it: built into web/onboard/dist/ unless its sources are unchanged. */
export default function buildWebApps(): void {
  execFileSync(process.execPath, ['scripts/build-web.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
