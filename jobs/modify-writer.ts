import { ModifyDBInstanceCommand } from '@aws-sdk/client-rds';
import { makeEvidence } from '../src/workflow/evidence.js';
import { done, type Step, str, wait } from '../src/workflow/step.js';

/** Resizes the writer in place with ApplyImmediately. Disruptive (5–10 min): gated and probed. */
export const modifyWriter: Step = {
  name: 'modify-writer',
  title: 'Resize the writer in place',
  probed: true,
  gate: {
    title: 'Resize the writer in place',
    expectedOutage:
      '5–10 minutes of writer outage: clients cannot write for the whole modification',
    action: (ctx) =>
      `Modify writer ${ctx.run.context.writerId} to ${ctx.run.targetClass} immediately. This is the slowest, most disruptive strategy; bluegreen takes about 30 s of outage instead.`,
    async evidence(ctx) {
      const writer = await ctx.rds.describeInstance(str(ctx.run.context.writerId) ?? '');
      return makeEvidence([
        `writer ${writer?.DBInstanceIdentifier} ${writer?.DBInstanceClass} ${writer?.DBInstanceStatus}`,
      ]);
    },
  },
  async execute(ctx) {
    const id = str(ctx.run.context.writerId) ?? '';
    const writer = await ctx.rds.describeInstance(id);
    const status = writer?.DBInstanceStatus;
    if (writer?.DBInstanceClass === ctx.run.targetClass && status === 'available')
      return done(undefined, `${id} is ${ctx.run.targetClass}`);
    if (
      status !== 'available' ||
      writer?.PendingModifiedValues?.DBInstanceClass === ctx.run.targetClass
    ) {
      return wait(Math.min(ctx.pollMs, 2000), `${id} ${status}`);
    }
    await ctx.mutate(
      'ModifyDBInstance',
      id,
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: id,
        DBInstanceClass: ctx.run.targetClass,
        ApplyImmediately: true,
      }),
    );
    return wait(Math.min(ctx.pollMs, 2000), `modifying ${id}`);
  },
};
