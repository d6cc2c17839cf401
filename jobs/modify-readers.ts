import { resizeInstances } from '../src/workflow/resize.js';
import { readersOf, type Step } from '../src/workflow/step.js';

/** Optional after an in-place writer resize: the readers, one at a time. */
export const modifyReaders: Step = {
  name: 'modify-readers',
  title: 'Resize the readers in place',
  async skipIf(ctx) {
    const cluster = await ctx.rds.describeCluster(ctx.run.cluster.clusterIdentifier);
    return readersOf(cluster).length === 0 ? 'the cluster has no readers' : undefined;
  },
  async execute(ctx) {
    const cluster = await ctx.rds.describeCluster(ctx.run.cluster.clusterIdentifier);
    return resizeInstances(ctx, readersOf(cluster), 'readers');
  },
};
