import { z } from 'zod';
import { parseDuration } from './duration.js';

/** A zod field for durations written as `500ms`, `30s`, `5m`, `4h` or milliseconds; yields ms. */
export function durationSchema(fallback: string) {
  return z
    .union([z.string(), z.number()])
    .default(fallback)
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `not a duration (use e.g. 500ms, 30s, 5m, 4h): ${value}`,
        });
        return z.NEVER;
      }
      return ms;
    });
}
