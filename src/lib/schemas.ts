import { Type } from 'typebox';
import type { TSchemaOptions } from 'typebox';

/**
 * A closed set of strings in an answer, as one JSON Schema `enum` (what generated clients turn into a union
 * type). Built from the constant the code takes its values from, so the two cannot drift apart.
 */
export const StringEnum = <const T extends readonly string[]>(values: T, options: TSchemaOptions = {}) =>
  Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });
