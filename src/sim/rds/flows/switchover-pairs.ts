/** The blue/green resource pairs a switchover acts on (both sides still present). */
import { clusterById, instanceById } from '../model/lookups.js';
import type {
  SimCluster,
  SimDeployment,
  SimInstance,
  SimState,
  SimSwitchoverMember,
} from '../model/sim-state.js';

export type SwitchoverPair =
  | { kind: 'cluster'; member: SimSwitchoverMember; blue: SimCluster; green: SimCluster }
  | { kind: 'instance'; member: SimSwitchoverMember; blue: SimInstance; green: SimInstance };

export function switchoverPairs(state: SimState, d: SimDeployment): SwitchoverPair[] {
  const pairs: SwitchoverPair[] = [];
  for (const member of d.members) {
    if (member.targetId === undefined) continue;
    if (member.kind === 'cluster') {
      const blue = clusterById(state, member.sourceId);
      const green = clusterById(state, member.targetId);
      if (blue && green) pairs.push({ kind: 'cluster', member, blue, green });
    } else {
      const blue = instanceById(state, member.sourceId);
      const green = instanceById(state, member.targetId);
      if (blue && green) pairs.push({ kind: 'instance', member, blue, green });
    }
  }
  return pairs;
}

/** The resource a pair's side stands for, as a status holder. */
export function pairResources(pairs: readonly SwitchoverPair[]): { status: string }[] {
  return pairs.flatMap((p) => [p.blue, p.green]);
}
