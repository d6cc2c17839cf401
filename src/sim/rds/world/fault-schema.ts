/**
 * Faults that can be injected from the world file (`faults:`) or at runtime
 * (`POST /_sim/faults`, which replaces the whole set; `{}` clears everything).
 */
import { z } from 'zod';

export const faultSpecSchema = z.strictObject({
  /** Beyond this many API requests per second (token bucket), answer `Throttling`. */
  throttle: z
    .strictObject({
      requestsPerSecond: z.number().positive(),
      /** Bucket size; defaults to `requestsPerSecond`. */
      burst: z.number().int().positive().optional(),
    })
    .optional(),
  /** Fail the next `count` calls of `action` with `code` (HTTP status from the wire table). */
  failNext: z
    .array(
      z.strictObject({
        action: z.string().regex(/^[A-Z][A-Za-z]+$/, 'must be an RDS action name'),
        code: z.string().regex(/^[A-Za-z.]+$/, 'must be an error code such as InternalFailure'),
        message: z.string().optional(),
        count: z.number().int().positive().default(1),
        status: z.number().int().min(400).max(599).optional(),
      }),
    )
    .default([]),
  /** Instance classes that answer `InsufficientDBInstanceCapacity` on create/modify. */
  insufficientCapacity: z.array(z.string().startsWith('db.')).default([]),
  /** The next blue/green deployment created ends `INVALID_CONFIGURATION` (one-shot). */
  blueGreenCreate: z.enum(['invalid-configuration']).optional(),
  /** The next switchover ends `SWITCHOVER_FAILED` and rolls back (one-shot). */
  switchover: z.enum(['failed', 'timeout']).optional(),
  /** The first switchover right after a deployment turns AVAILABLE is refused (once per deployment). */
  staleAvailable: z.boolean().default(false),
});

/** What callers pass (defaults optional). */
export type FaultSpec = z.input<typeof faultSpecSchema>;
/** After defaults. */
export type ResolvedFaults = z.output<typeof faultSpecSchema>;
