import { describe, expect, it } from 'vitest';
import { authed, registerAndLogin, useTestApp } from '../../helpers/app.js';
import { latestMessage, linkToken, smsCode } from '../../helpers/contacts.js';

const ctx = useTestApp();

describe("the customer's export and the credentials mailed to them", () => {
  it('lists each message sent without the links and codes in its text', async () => {
    const user = await registerAndLogin(ctx.app);
    const forgot = await ctx.app.inject({
      method: 'POST',
      url: '/v1/auth/password/forgot',
      payload: { email: user.email },
    });
    expect(forgot.statusCode).toBe(202);
    const resetToken = linkToken(await latestMessage(ctx.app, user.email, 'password_reset'));
    const verifyToken = linkToken(await latestMessage(ctx.app, user.email, 'email_verification'));
    const details = await authed(ctx.app, user.token, { method: 'GET', url: '/v1/user/getDetails' });
    const mobileNo = details.json().data.mobileNo as string;
    expect(
      (await authed(ctx.app, user.token, { method: 'POST', url: '/v1/auth/mobile/otp' })).statusCode,
    ).toBe(202);
    const code = smsCode(await latestMessage(ctx.app, mobileNo, 'mobile_otp'));

    const exported = await authed(ctx.app, user.token, { method: 'GET', url: '/v1/me/export' });
    expect(exported.statusCode).toBe(200);
    // A leaked export would otherwise let its reader set the password within the link's 30 minutes.
    for (const secret of [resetToken, verifyToken, code]) expect(exported.body).not.toContain(secret);

    const messages = exported.json().data.tables.outbound_messages as Array<Record<string, unknown>>;
    expect(messages.map((message) => message.template).sort()).toEqual([
      'email_verification',
      'mobile_otp',
      'password_reset',
    ]);
    const reset = messages.find((message) => message.template === 'password_reset')!;
    expect(reset.content).toEqual({ to: user.email, subject: 'Reset your Pehchan password' });
  });
});
