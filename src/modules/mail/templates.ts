/** What every message names: the product, and the host application that runs it. */
export interface Brand {
  product: string;
  brandName: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface EmailTemplate<Vars> {
  subject: (vars: Vars, brand: Brand) => string;
  /** Paragraphs of plain text; the HTML version is built from the same paragraphs. */
  paragraphs: (vars: Vars, brand: Brand) => Paragraph[];
}

type Paragraph = string | { link: string; label: string };

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

const signedBy = ({ brandName, product }: Brand) =>
  brandName === product ? `${product}` : `${brandName} (identity verification by ${product})`;

const minutes = (seconds: number) =>
  seconds % 3600 === 0 ? `${seconds / 3600} hours` : `${Math.round(seconds / 60)} minutes`;

export const EMAIL_TEMPLATES = {
  password_reset: {
    subject: (_vars: { link: string; validForSeconds: number }, brand: Brand) =>
      `Reset your ${brand.brandName} password`,
    paragraphs: (vars: { link: string; validForSeconds: number }) => [
      'Someone (we hope you) asked to reset the password of your account.',
      { link: vars.link, label: 'Choose a new password' },
      `The link works once, for ${minutes(vars.validForSeconds)}. If you did not ask for it, ignore this email: your password stays as it is.`,
    ],
  },
  email_verification: {
    subject: (_vars: { link: string; validForSeconds: number }, brand: Brand) =>
      `Confirm your email address for ${brand.brandName}`,
    paragraphs: (vars: { link: string; validForSeconds: number }) => [
      'Please confirm that this email address belongs to you.',
      { link: vars.link, label: 'Confirm my email address' },
      `The link works once, for ${minutes(vars.validForSeconds)}.`,
    ],
  },
  staff_invite: {
    subject: (_vars: { link: string; role: string; validForSeconds: number }, brand: Brand) =>
      `You are invited to the ${brand.brandName} KYC console`,
    paragraphs: (vars: { link: string; role: string; validForSeconds: number }) => [
      `You have been invited as ${vars.role === 'admin' ? 'an admin' : 'a reviewer'}.`,
      { link: vars.link, label: 'Accept the invitation and set a password' },
      `The link works once, for ${minutes(vars.validForSeconds)}.`,
    ],
  },
} satisfies Record<string, EmailTemplate<never>>;

export type EmailTemplateName = keyof typeof EMAIL_TEMPLATES;
export type EmailVars<Name extends EmailTemplateName> = Parameters<
  (typeof EMAIL_TEMPLATES)[Name]['subject']
>[0];

export function renderEmail<Name extends EmailTemplateName>(
  name: Name,
  vars: EmailVars<Name>,
  brand: Brand,
): RenderedEmail {
  const template = EMAIL_TEMPLATES[name] as EmailTemplate<EmailVars<Name>>;
  const paragraphs = template.paragraphs(vars, brand);
  const footer = `— ${signedBy(brand)}`;
  const text = [
    ...paragraphs.map((part) => (typeof part === 'string' ? part : `${part.label}: ${part.link}`)),
    footer,
  ].join('\n\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    ...paragraphs.map((part) =>
      typeof part === 'string'
        ? `<p>${escapeHtml(part)}</p>`
        : `<p><a href="${escapeHtml(part.link)}">${escapeHtml(part.label)}</a></p>`,
    ),
    `<p style="color:#555">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: template.subject(vars, brand), text, html };
}

/** SMS stay short and plain: one segment where possible, the code first. */
export const SMS_TEMPLATES = {
  mobile_otp: (vars: { code: string; validForSeconds: number }, brand: Brand) =>
    `${vars.code} is your ${brand.brandName} verification code. It is valid for ${minutes(vars.validForSeconds)}. Do not share it with anyone.`,
} satisfies Record<string, (vars: never, brand: Brand) => string>;

export type SmsTemplateName = keyof typeof SMS_TEMPLATES;
