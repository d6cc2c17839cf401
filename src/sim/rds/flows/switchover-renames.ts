/**
 * The renames at the end of a switchover (reference §3.4): green takes the blue names and
 * the blue endpoints, blue becomes `<name>-old<n>` with new endpoints of its own, and
 * green's former endpoints go away. Tags of blue are copied onto green.
 */
import { arn } from '../model/arn.js';
import type { SimState, SimTag } from '../model/sim-state.js';
import type { SimContext } from '../runtime/sim-context.js';
import type { SwitchoverPair } from './switchover-pairs.js';

/** `<name>-old1`, or the next free `-old<n>`. */
export function oldName(taken: ReadonlySet<string>, name: string): string {
  for (let n = 1; ; n += 1) {
    const candidate = `${name}-old${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function mergeTags(from: readonly SimTag[], into: readonly SimTag[]): SimTag[] {
  const merged = new Map(into.map((t) => [t.Key, t.Value]));
  for (const t of from) merged.set(t.Key, t.Value);
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}

function takenNames(state: SimState, kind: SwitchoverPair['kind']): Set<string> {
  return new Set((kind === 'cluster' ? state.clusters : state.instances).map((r) => r.identifier));
}

export async function applySwitchoverRenames(
  ctx: SimContext,
  pairs: readonly SwitchoverPair[],
): Promise<void> {
  // Allocate first, so that the state changes below happen in one synchronous step.
  const fresh = new Map<SwitchoverPair, string[]>();
  for (const pair of pairs) {
    const old = oldName(takenNames(ctx.state, pair.kind), pair.blue.identifier);
    fresh.set(
      pair,
      pair.kind === 'cluster'
        ? [
            await ctx.dataPlane.allocate(`${old} cluster endpoint`),
            await ctx.dataPlane.allocate(`${old} reader endpoint`),
          ]
        : [await ctx.dataPlane.allocate(old)],
    );
  }
  const released: string[] = [];
  for (const pair of pairs) {
    const name = pair.blue.identifier;
    const old = oldName(takenNames(ctx.state, pair.kind), name);
    const [first = '', second = ''] = fresh.get(pair) ?? [];
    pair.blue.identifier = old;
    pair.green.identifier = name;
    pair.green.tags = mergeTags(pair.blue.tags, pair.green.tags);
    if (pair.kind === 'cluster') {
      released.push(pair.green.endpoint, pair.green.readerEndpoint);
      pair.green.endpoint = pair.blue.endpoint;
      pair.green.readerEndpoint = pair.blue.readerEndpoint;
      pair.blue.endpoint = first;
      pair.blue.readerEndpoint = second;
      ctx.dataPlane.relabel(pair.green.endpoint, `${name} cluster endpoint`);
      ctx.dataPlane.relabel(pair.green.readerEndpoint, `${name} reader endpoint`);
    } else {
      released.push(pair.green.address);
      pair.green.address = pair.blue.address;
      pair.blue.address = first;
      ctx.dataPlane.relabel(pair.green.address, name);
    }
    const kind = pair.kind === 'cluster' ? 'cluster' : 'db';
    pair.member.sourceArn = arn(ctx.state, kind, old);
    pair.member.targetArn = arn(ctx.state, kind, name);
  }
  await Promise.all(released.map((address) => ctx.dataPlane.release(address)));
}
