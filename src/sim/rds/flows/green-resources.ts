/** Creating the green copies of a deployment's blue cluster and instances. */
import { arn } from '../model/arn.js';
import { instanceById } from '../model/lookups.js';
import type { SimCluster, SimDeployment } from '../model/sim-state.js';
import { createCluster, createInstance } from '../runtime/create-resources.js';
import type { SimContext } from '../runtime/sim-context.js';

/** `<name>-green-<6 lowercase letters or digits>`, shortened to stay within 63 characters. */
export function greenName(ctx: Pick<SimContext, 'random'>, blue: string): string {
  const suffix = `-green-${ctx.random.chars(6)}`;
  return `${blue.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
}

export async function createGreenCluster(
  ctx: SimContext,
  d: SimDeployment,
  blue: SimCluster,
): Promise<SimCluster> {
  const green = await createCluster(ctx, {
    identifier: greenName(ctx, blue.identifier),
    status: 'creating',
    engineVersion: d.targetEngineVersion,
    parameterGroup: d.targetParameterGroup,
    // why: green does not inherit deletion protection (terraform-provider-aws#29887).
    deletionProtection: false,
    backupRetentionPeriod: blue.backupRetentionPeriod,
    tags: blue.tags.map((t) => ({ ...t })),
  });
  const member = d.members.find((m) => m.kind === 'cluster');
  if (member !== undefined) {
    member.targetId = green.resourceId;
    member.targetArn = arn(ctx.state, 'cluster', green.identifier);
  }
  return green;
}

/** One green instance per blue instance still present, same class, role and zone. */
export async function createGreenInstances(
  ctx: SimContext,
  d: SimDeployment,
  green: SimCluster,
): Promise<void> {
  for (const member of d.members) {
    if (member.kind !== 'instance') continue;
    const blue = instanceById(ctx.state, member.sourceId);
    if (blue === undefined) continue;
    const instance = await createInstance(ctx, green, {
      identifier: greenName(ctx, blue.identifier),
      instanceClass: blue.instanceClass,
      status: 'creating',
      isWriter: blue.isWriter,
      promotionTier: blue.promotionTier,
      availabilityZone: blue.availabilityZone,
      parameterGroupStatus: 'in-sync',
      tags: blue.tags.map((t) => ({ ...t })),
    });
    member.targetId = instance.resourceId;
    member.targetArn = arn(ctx.state, 'db', instance.identifier);
  }
}
