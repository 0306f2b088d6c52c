import type { readyApplicant } from './kyc.js';

type Applicant = Awaited<ReturnType<typeof readyApplicant>>;

/** The approval's e-sign job runs in the background: polls until the case leaves `from`. */
export async function waitForEsign(applicant: Applicant, from: string[]) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answer = await applicant.call('GET', '/v1/kyc/esign');
    const data = answer.json().data;
    if (!from.includes(data?.status) || Date.now() > deadline) return data;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The signer's form posts on the simulator's signing page (sign, decline, or the test control expire). */
export const simulatorPost = (url: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
    redirect: 'manual',
  });
