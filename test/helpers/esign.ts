import type { TestContext } from './app.js';
import type { readyApplicant } from './kyc.js';
import { asStaff, caseAwaitingReview, staffMember } from './review.js';

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

/**
 * A case a reviewer approved by hand (the app must run jobs with e-sign on), once its form waits for the
 * customer's signature; `verificationId` is the signing request's id at the simulator.
 */
export async function pendingSignature(ctx: TestContext) {
  const { applicant, caseId } = await caseAwaitingReview(ctx);
  await asStaff(ctx, await staffMember(ctx))('POST', `/v1/review/cases/${caseId}/decision`, {
    decision: 'approve',
    reasonCodes: ['verified_manually'],
    internalNote: 'Video call: face matches the PAN card.',
  });
  const pending = await waitForEsign(applicant, ['approved']);
  return { applicant, pending, verificationId: new URL(pending.signingLink).pathname.split('/').pop()! };
}
