import {
  DeleteDBClusterCommand,
  DeleteDBInstanceCommand,
  ModifyDBClusterCommand,
} from '@aws-sdk/client-rds';
import { makeEvidence } from '../src/workflow/evidence.js';
import { done, type Step, type StepContext, str, wait } from '../src/workflow/step.js';

/** Deterministic, so a repeated activation never asks for a second snapshot. */
export function finalSnapshotId(oldClusterId: string, runId: string): string {
  return `${oldClusterId}-final-${runId}`.slice(0, 255).replace(/-+$/, '');
}

const oldId = (ctx: StepContext) => str(ctx.run.context.oldClusterId);

/**
 * Deletes the old blue cluster after its own approval: readers, then the writer, then the
 * cluster (deletion protection off first), with a final snapshot unless configured otherwise.
 */
export const cleanupOld: Step = {
  name: 'cleanup-old',
  title: 'Delete the old (-old1) cluster',
  gate: {
    title: 'Delete the old cluster',
    expectedOutage: 'none (the old cluster takes no traffic)',
    action: (ctx) =>
      `Delete ${oldId(ctx)} and its instances${ctx.run.options.finalSnapshot ? ', keeping a final snapshot' : ' WITHOUT a final snapshot'}.`,
    async evidence(ctx) {
      const id = oldId(ctx) ?? '';
      const cluster = await ctx.rds.describeCluster(id);
      const instances = await ctx.rds.describeInstances(id);
      return makeEvidence([
        `old cluster ${id} ${cluster?.Status ?? 'not found'}`,
        ...instances.map(
          (i) => `old ${i.DBInstanceIdentifier} ${i.DBInstanceClass} ${i.DBInstanceStatus}`,
        ),
      ]);
    },
  },
  async skipIf(ctx) {
    const id = oldId(ctx);
    return id && (await ctx.rds.describeCluster(id)) ? undefined : 'no old cluster to delete';
  },
  async execute(ctx) {
    const id = oldId(ctx) ?? '';
    const cluster = await ctx.rds.describeCluster(id);
    if (!cluster) return done(undefined, `${id} deleted`);
    if (cluster.Status === 'deleting') return wait(ctx.pollMs, `${id} deleting`);
    const instances = (await ctx.rds.describeInstances(id)).filter(
      (i) => i.DBInstanceStatus !== 'deleting',
    );
    const writer = cluster.DBClusterMembers?.find((m) => m.IsClusterWriter)?.DBInstanceIdentifier;
    const next = instances.find((i) => i.DBInstanceIdentifier !== writer) ?? instances[0];
    if (next?.DBInstanceIdentifier) {
      await ctx.mutate(
        'DeleteDBInstance',
        next.DBInstanceIdentifier,
        new DeleteDBInstanceCommand({ DBInstanceIdentifier: next.DBInstanceIdentifier }),
      );
      return wait(0, `deleting ${next.DBInstanceIdentifier}`);
    }
    if (cluster.DeletionProtection) {
      await ctx.mutate(
        'ModifyDBCluster',
        id,
        new ModifyDBClusterCommand({
          DBClusterIdentifier: id,
          DeletionProtection: false,
          ApplyImmediately: true,
        }),
      );
      return wait(0, `deletion protection off on ${id}`);
    }
    const snapshot = ctx.run.options.finalSnapshot ? finalSnapshotId(id, ctx.run.id) : undefined;
    await ctx.mutate(
      'DeleteDBCluster',
      id,
      new DeleteDBClusterCommand({
        DBClusterIdentifier: id,
        ...(snapshot ? { FinalDBSnapshotIdentifier: snapshot } : { SkipFinalSnapshot: true }),
      }),
    );
    return wait(
      ctx.pollMs,
      `deleting ${id}${snapshot ? ` (final snapshot ${snapshot})` : ''}`,
      snapshot ? { finalSnapshot: snapshot } : undefined,
    );
  },
};
