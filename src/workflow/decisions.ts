/**
 * Decisions and cancel requests live outside the run document, in keys written with SET NX:
 * the first valid decision wins atomically, whoever else clicks in the same millisecond, and a
 * click handler never races the worker that owns the run document.
 */
import type { Redis } from 'ioredis';
import type { Actor, Decision } from './types.js';

export interface DecisionStore {
  /** Stores the decision if none exists for the gate; otherwise returns the existing one. */
  record(
    runId: string,
    decision: Decision,
  ): Promise<{ ok: true } | { ok: false; existing: Decision }>;
  get(runId: string, gateId: string): Promise<Decision | undefined>;
  requestCancel(runId: string, actor: Actor): Promise<boolean>;
  cancelRequest(runId: string): Promise<Actor | undefined>;
}

const TTL_S = 90 * 24 * 3600;

export function createDecisionStore(redis: Redis, prefix: string): DecisionStore {
  const key = (runId: string, gateId: string) => `${prefix}:decision:${runId}:${gateId}`;
  const cancelKey = (runId: string) => `${prefix}:cancel:${runId}`;
  const get = async (runId: string, gateId: string) => {
    const raw = await redis.get(key(runId, gateId));
    return raw ? (JSON.parse(raw) as Decision) : undefined;
  };
  return {
    async record(runId, decision) {
      const ok = await redis.set(
        key(runId, decision.gateId),
        JSON.stringify(decision),
        'EX',
        TTL_S,
        'NX',
      );
      if (ok === 'OK') return { ok: true };
      const existing = await get(runId, decision.gateId);
      return existing ? { ok: false, existing } : { ok: false, existing: decision };
    },
    get,
    async requestCancel(runId, actor) {
      return (await redis.set(cancelKey(runId), JSON.stringify(actor), 'EX', TTL_S, 'NX')) === 'OK';
    },
    async cancelRequest(runId) {
      const raw = await redis.get(cancelKey(runId));
      return raw ? (JSON.parse(raw) as Actor) : undefined;
    },
  };
}
