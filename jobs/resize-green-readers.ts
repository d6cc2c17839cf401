import { AppError } from '../src/errors.js';
import { resizeInstances } from '../src/workflow/resize.js';
import { readersOf, type Step, str } from '../src/workflow/step.js';

/** Resizes green's readers first, so green keeps replicating while its writer is still small. */
export const resizeGreenReaders: Step = {
  name: 'resize-green-readers',
  title: 'Resize green readers',
  async skipIf(ctx) {
    const green = await ctx.rds.describeCluster(str(ctx.run.context.greenClusterId) ?? '');
    return readersOf(green).length === 0 ? 'green has no readers' : undefined;
  },
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
    return resizeInstances(ctx, readersOf(green), 'green readers');
  },
};
