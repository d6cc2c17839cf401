import { AppError } from '../src/errors.js';
import { resizeInstances } from '../src/workflow/resize.js';
import { type Step, str } from '../src/workflow/step.js';

/** Resizes whatever green instance is still small: the former writer (or the only writer). */
export const resizeGreenWriter: Step = {
  name: 'resize-green-writer',
  title: 'Resize the former green writer',
  async execute(ctx) {
    const greenId = str(ctx.run.context.greenClusterId);
    const green = greenId ? await ctx.rds.describeCluster(greenId) : undefined;
    if (!green) {
      return {
        kind: 'fail',
        error: new AppError('green_missing', `Green cluster ${greenId} is gone.`, {
          hint: 'Someone deleted green; start a new run.',
        }),
      };
    }
    const ids = (green.DBClusterMembers ?? [])
      .map((m) => m.DBInstanceIdentifier)
      .filter((id): id is string => !!id);
    return resizeInstances(ctx, ids, 'green');
  },
};
