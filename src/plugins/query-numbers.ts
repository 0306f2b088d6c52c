import type { FastifyInstance, FastifyRequest, preValidationHookHandler } from 'fastify';

interface QuerySchema {
  properties?: Record<string, { type?: string }>;
}

/**
 * Query strings are text. Where a route's querystring schema declares an integer or a number, the value is read
 * as a number before validation, so a route declares `Type.Integer({ minimum: 1, maximum: 100 })` rather than a
 * pattern, and `limit=0` or `limit=abc` is a 400 naming the bounds. Body types are never coerced.
 */
export function registerQueryNumbers(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const properties = (route.schema?.querystring as QuerySchema | undefined)?.properties ?? {};
    const numeric = Object.entries(properties)
      .filter(([, schema]) => schema.type === 'integer' || schema.type === 'number')
      .map(([name]) => name);
    if (numeric.length === 0) return;
    const readNumbers = async (request: FastifyRequest) => {
      const query = request.query as Record<string, unknown>;
      for (const name of numeric) {
        const value = query[name];
        if (typeof value === 'string' && /^-?[0-9]{1,15}(\.[0-9]{1,15})?$/.test(value))
          query[name] = Number(value);
      }
    };
    const existing = route.preValidation;
    route.preValidation = [
      readNumbers,
      ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
    ] as preValidationHookHandler[];
  });
}
