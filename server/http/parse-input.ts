import type { z } from 'zod';
import { SyncHttpError } from './sync-http-error.ts';

/** Parses request input with a shared schema; a mismatch is a 400 VALIDATION_ERROR with paths. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new SyncHttpError(400, 'VALIDATION_ERROR', `The ${what} is not valid.`, {
    issues: result.error.issues.slice(0, 50).map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  });
}
