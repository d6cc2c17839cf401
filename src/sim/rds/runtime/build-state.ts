/** Turns a validated world into live state, starting one proxy per endpoint. */

import type { SimState, SimTag } from '../model/sim-state.js';
import { DEFAULT_PARAMETER_GROUPS } from '../world/check-world.js';
import type { ResolvedWorld } from '../world/world-schema.js';
import { createCluster, createInstance } from './create-resources.js';
import type { SimContext } from './sim-context.js';

export function tagList(tags: Record<string, string>): SimTag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

export function emptyState(world: ResolvedWorld, port: number): SimState {
  return {
    account: world.account,
    region: world.region,
    port,
    clusters: [],
    instances: [],
    parameterGroups: [
      ...DEFAULT_PARAMETER_GROUPS.map((name) => ({
        name,
        family: name.slice('default.'.length),
        description: `Default cluster parameter group for ${name.slice('default.'.length)}`,
        isDefault: true,
        parameters: {},
        tags: [],
      })),
      ...world.parameterGroups.map((g) => ({
        name: g.name,
        family: g.family,
        description: g.description,
        isDefault: false,
        parameters: Object.fromEntries(
          Object.entries(g.parameters).map(([k, value]) => [
            k,
            { value, applyMethod: 'pending-reboot' },
          ]),
        ),
        tags: tagList(g.tags),
      })),
    ],
    deployments: [],
    events: [],
    snapshots: [],
  };
}

export async function populateState(
  ctx: Pick<SimContext, 'state' | 'dataPlane' | 'random' | 'now' | 'world'>,
): Promise<void> {
  for (const c of ctx.world.clusters) {
    const cluster = await createCluster(ctx, {
      identifier: c.identifier,
      status: 'available',
      engineVersion: c.engineVersion,
      parameterGroup:
        ctx.state.parameterGroups.find(
          (g) => g.name.toLowerCase() === c.parameterGroup.toLowerCase(),
        )?.name ?? c.parameterGroup,
      deletionProtection: c.deletionProtection,
      backupRetentionPeriod: c.backupRetentionPeriod,
      tags: tagList(c.tags),
    });
    // why: the writer first, so members list it first as DescribeDBClusters usually does.
    const ordered = [...c.instances].sort(
      (a, b) => Number(b.role === 'writer') - Number(a.role === 'writer'),
    );
    for (const i of ordered) {
      await createInstance(ctx, cluster, {
        identifier: i.identifier,
        instanceClass: i.class,
        status: 'available',
        isWriter: i.role === 'writer',
        promotionTier: i.promotionTier,
        availabilityZone: i.availabilityZone,
        parameterGroupStatus: c.parameterGroupStatus,
        tags: [],
      });
    }
  }
}
