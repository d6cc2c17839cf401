import { DeleteDBInstanceCommand } from '@aws-sdk/client-rds';
import { resizeInstances } from '../src/workflow/resize.js';
import { done, type Step, str, wait } from '../src/workflow/step.js';

/** After a failover: resize the old writer (now a reader) or delete it, as chosen at start. */
export const finishOldWriter: Step = {
  name: 'finish-old-writer',
  title: 'Resize or remove the old writer',
  async execute(ctx) {
    const id = str(ctx.run.context.writerId) ?? '';
    if (ctx.run.options.oldWriter === 'resize') return resizeInstances(ctx, [id], 'old writer');
    const instance = await ctx.rds.describeInstance(id);
    if (!instance) return done(undefined, `${id} deleted`);
    if (instance.DBInstanceStatus === 'deleting') return wait(ctx.pollMs, `${id} deleting`);
    await ctx.mutate(
      'DeleteDBInstance',
      id,
      new DeleteDBInstanceCommand({ DBInstanceIdentifier: id }),
    );
    return wait(ctx.pollMs, `deleting ${id}`);
  },
};
