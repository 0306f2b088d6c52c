import { Type } from 'typebox';
import type { Static } from 'typebox';
import { CASE_STATUSES, LINK_LOCALES } from '../../db/schema/index.js';

export const LINK_STATUSES = ['pending', 'opened', 'completed', 'expired', 'revoked'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export const LINK_TTL = { default: 86_400, min: 300, max: 604_800 } as const;

const Timestamp = Type.String({ format: 'date-time' });
const orNull = <T extends typeof Timestamp>(schema: T) => Type.Union([schema, Type.Null()]);

export const CreateLinkBody = Type.Object(
  {
    externalId: Type.String({
      minLength: 1,
      maxLength: 128,
      pattern: '^[\\x21-\\x7E]+$',
      description:
        'The host application’s own id for the customer (printable ASCII, no spaces). A new one creates a customer without a password; a known one reuses that customer.',
    }),
    email: Type.Optional(
      Type.String({ maxLength: 320, description: 'Required for a new externalId; ignored for a known one' }),
    ),
    mobileNo: Type.Optional(
      Type.String({
        maxLength: 20,
        description: 'Indian mobile number; required for a new externalId, ignored for a known one',
      }),
    ),
    name: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'Full name, 2-100 printable characters; required for a new externalId',
      }),
    ),
    redirectUrl: Type.String({
      minLength: 1,
      maxLength: 2000,
      description:
        'Where the browser returns at the end (with `linkId`, `status`, `ts` and `signature` added to its query). Its origin must be one of `LINK_REDIRECT_ORIGINS`.',
      examples: ['https://app.example.in/kyc/done'],
    }),
    expiresIn: Type.Optional(
      Type.Integer({
        minimum: LINK_TTL.min,
        maximum: LINK_TTL.max,
        description: `Seconds until the link can no longer be opened; default ${LINK_TTL.default} (a day)`,
      }),
    ),
    locale: Type.Optional(
      Type.Enum(LINK_LOCALES, { description: 'The onboarding app’s language; default `en`' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateLinkBody = Static<typeof CreateLinkBody>;

export const CreatedLink = Type.Object({
  linkId: Type.String({ format: 'uuid' }),
  url: Type.String({
    description:
      'Send the customer here. The single-use token is in the fragment (after `#`), so it never reaches a server log. Shown only now.',
  }),
  expiresAt: Timestamp,
});
export const CreatedLinkResponse = Type.Object({ success: Type.Literal(true), data: CreatedLink });

export const LinkParams = Type.Object(
  { linkId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const LinkView = Type.Object({
  linkId: Type.String(),
  userId: Type.String(),
  externalId: Type.String(),
  status: Type.Enum(LINK_STATUSES, {
    description:
      'pending until opened or expired; opened once exchanged; completed once the customer finished',
  }),
  locale: Type.Enum(LINK_LOCALES),
  redirectUrl: Type.String(),
  kycStatus: Type.Enum(CASE_STATUSES, { description: 'The customer’s KYC status now' }),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  openedAt: orNull(Timestamp),
  completedAt: orNull(Timestamp),
  revokedAt: orNull(Timestamp),
});
export type LinkView = Static<typeof LinkView>;
export const LinkResponse = Type.Object({ success: Type.Literal(true), data: LinkView });

export const ExchangeBody = Type.Object(
  {
    token: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The token from the link’s fragment (after `#`)',
    }),
  },
  { additionalProperties: false },
);

export const LinkContext = Type.Object({
  linkId: Type.String(),
  locale: Type.Enum(LINK_LOCALES),
  parentOrigin: Type.String({
    description: 'The origin of the host’s redirectUrl: the only origin the page may postMessage to',
  }),
});

export const ExchangeResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    accessToken: Type.String({ description: 'Bearer access token (JWT) of the customer session' }),
    expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
    refreshToken: Type.Optional(
      Type.String({
        description:
          'For /v1/auth/refresh. Absent in cookie session mode (header `x-pehchan-session: cookie`), where it is the httpOnly `pehchan_refresh` cookie',
      }),
    ),
    link: LinkContext,
  }),
});

export const CompleteResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    redirectUrl: Type.String({
      description:
        'The host’s redirectUrl with `linkId`, `status` (the KYC status), `ts` (unix seconds) and `signature` added; see docs/kyc-links.md to verify it',
    }),
  }),
});
