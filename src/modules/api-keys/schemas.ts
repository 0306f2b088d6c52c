import { Type } from 'typebox';
import { API_KEY_SCOPES } from '../../db/schema/index.js';

export const ApiKeyScopeSchema = Type.Enum(API_KEY_SCOPES, { description: 'What the key may do' });

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'What the key is for' }),
    scopes: Type.Array(ApiKeyScopeSchema, {
      minItems: 1,
      maxItems: API_KEY_SCOPES.length,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
);

export const ApiKeyParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

const Timestamp = Type.String({ format: 'date-time' });
const ApiKeyFields = {
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to recognise it' }),
  scopes: Type.Array(ApiKeyScopeSchema),
  createdAt: Timestamp,
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
};

export const ApiKeyView = Type.Object(ApiKeyFields);
export const CreatedApiKey = Type.Object({
  ...ApiKeyFields,
  key: Type.String({ description: 'The key itself: shown this once, never again' }),
});

export const ApiKeyResponse = Type.Object({ success: Type.Literal(true), data: ApiKeyView });
export const CreatedApiKeyResponse = Type.Object({ success: Type.Literal(true), data: CreatedApiKey });
export const ApiKeyListResponse = Type.Object({ success: Type.Literal(true), data: Type.Array(ApiKeyView) });
