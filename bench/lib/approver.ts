/**
 * A stand-in for people clicking Approve: polls runs and approves every open gate through
 * engine.decide, as the Slack front does, recording which approvals the engine accepted.
 */
import type { Engine } from '../../src/workflow/engine.js';
import type { Actor, Run } from '../../src/workflow/types.js';
import type { ApprovalRecord } from './run-checks.js';
import { sleep } from './stats.js';

const approver: Actor = { id: 'U0BOB', name: 'bob', via: 'slack' };
const allowAll = () => ({ allowed: true as const });

export interface Approver {
  /** Approvals the engine accepted (`{ ok: true }`). */
  accepted: ApprovalRecord[];
  /** Refused decide() calls by code (stale gates after a crash, for example). */
  refused: Record<string, number>;
  /** Only these runs get approvals; others are pre-approved or left alone. */
  watch(runIds: readonly string[]): void;
  /** Holds (true) or releases approvals for a run, e.g. to keep a gate open on purpose. */
  hold(runId: string, held: boolean): void;
  stop(): Promise<void>;
}

export function startApprover(engine: Engine, options: { everyMs?: number } = {}): Approver {
  const watched = new Set<string>();
  const held = new Set<string>();
  const tried = new Set<string>();
  const accepted: ApprovalRecord[] = [];
  const refused: Record<string, number> = {};
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const id of [...watched]) {
        if (held.has(id)) continue;
        let run: Run | undefined;
        try {
          run = await engine.getRun(id);
        } catch {
          continue; // why: Redis may be restarting; try again next round.
        }
        const gate = run?.gate;
        if (run?.status !== 'awaiting_approval' || !gate) continue;
        const key = `${id}/${gate.id}/${gate.nonce}`;
        if (tried.has(key)) continue;
        tried.add(key);
        let result: Awaited<ReturnType<Engine['decide']>>;
        try {
          result = await engine.decide(
            { runId: id, gateId: gate.id, nonce: gate.nonce, actor: approver, decision: 'approve' },
            allowAll,
          );
        } catch {
          tried.delete(key); // why: Redis went away mid-decision; the next round asks again.
          continue;
        }
        if (result.ok) accepted.push({ runId: id, gateId: gate.id, step: gate.step });
        else refused[result.code] = (refused[result.code] ?? 0) + 1;
      }
      await sleep(options.everyMs ?? 100);
    }
  })();
  return {
    accepted,
    refused,
    watch(ids) {
      for (const id of ids) watched.add(id);
    },
    hold(id, on) {
      if (on) held.add(id);
      else held.delete(id);
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}
