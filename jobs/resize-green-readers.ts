import { resizeGreen } from '../src/workflow/resize.js';
import { readersOf, type Step, str } from '../src/workflow/step.js';

/** Resizes green's readers first, so green keeps replicating while its writer is still small. */
export const resizeGreenReaders: Step = {
  name: 'resize-green-readers',
  title: 'Resize green readers',
  async skipIf(ctx) {
    const green = await ctx.rds.describeCluster(str(ctx.run.context.greenClusterId) ?? '');
    return readersOf(green).length === 0 ? 'green has no readers' : undefined;
  },
  execute: (ctx) => resizeGreen(ctx, readersOf, 'green readers'),
};
