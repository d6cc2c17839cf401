import { FailoverDBClusterCommand } from '@aws-sdk/client-rds';
import { done, readersOf, type Step, str, wait, writerOf } from '../src/workflow/step.js';

/**
 * Fails over inside green to a reader that already has the target class, so the former green
 * writer can be resized as a reader. Green takes no production traffic, so this is not gated.
 */
export const failoverGreen: Step = {
  name: 'failover-green',
  title: 'Fail over inside green',
  async skipIf(ctx) {
    const green = await ctx.rds.describeCluster(str(ctx.run.context.greenClusterId) ?? '');
    return readersOf(green).length === 0
      ? 'green has no readers; its writer is resized directly'
      : undefined;
  },
  async execute(ctx) {
    const greenId = str(ctx.run.context.greenClusterId) ?? '';
    const green = await ctx.rds.describeCluster(greenId);
    if (green?.Status !== 'available') return wait(ctx.pollMs, `green ${green?.Status}`);
    const writer = writerOf(green);
    const writerInstance = writer ? await ctx.rds.describeInstance(writer) : undefined;
    if (writerInstance?.DBInstanceClass === ctx.run.targetClass)
      return done(undefined, `green writer ${writer} is ${ctx.run.targetClass}`);
    const readers = await Promise.all(readersOf(green).map((id) => ctx.rds.describeInstance(id)));
    const target = readers.find(
      (r) => r?.DBInstanceClass === ctx.run.targetClass && r.DBInstanceStatus === 'available',
    );
    if (!target?.DBInstanceIdentifier)
      return wait(ctx.pollMs, 'waiting for a resized green reader');
    await ctx.mutate(
      'FailoverDBCluster',
      greenId,
      new FailoverDBClusterCommand({
        DBClusterIdentifier: greenId,
        TargetDBInstanceIdentifier: target.DBInstanceIdentifier,
      }),
    );
    return wait(ctx.pollMs, `failing over green to ${target.DBInstanceIdentifier}`);
  },
};
