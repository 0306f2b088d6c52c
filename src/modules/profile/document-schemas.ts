import { Type } from 'typebox';
import type { Static } from 'typebox';

const text = (maxLength: number) => Type.String({ maxLength });

export const DocumentReference = Type.Object(
  {
    _id: Type.String({ maxLength: 64 }),
    contentType: Type.Optional(text(100)),
    size: Type.Optional(Type.Integer({ minimum: 0 })),
    sha256: Type.Optional(text(64)),
    url: Type.Optional(text(2000)),
  },
  {
    additionalProperties: false,
    description: 'A document already stored for this user, as getDetails returned it',
  },
);

export const DocumentView = Type.Object({
  _id: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  url: Type.String({ description: 'Short-lived signed link; works without the bearer header' }),
});
export type DocumentView = Static<typeof DocumentView>;
