/**
 * PROVISIONING → AVAILABLE: the tasks run one after another, each taking its share of the
 * creation time; the green cluster appears with the first task, its instances with the
 * instance task. Deleting the deployment meanwhile stops the flow.
 */

import { deploymentSource } from '../model/event-sources.js';
import { clusterById, membersOf } from '../model/lookups.js';
import { recordEvent } from '../model/record-event.js';
import type { SimCluster, SimDeployment } from '../model/sim-state.js';
import type { SimContext } from '../runtime/sim-context.js';
import { createGreenCluster, createGreenInstances } from './green-resources.js';

/** Share of the creation time per task. */
const TASK_WEIGHTS: Readonly<Record<string, number>> = {
  CREATING_READ_REPLICA_OF_SOURCE: 0.4,
  DB_ENGINE_VERSION_UPGRADE: 0.15,
  CREATE_DB_INSTANCES_FOR_CLUSTER: 0.5,
  CREATE_CUSTOM_ENDPOINTS: 0.1,
};

export function provisioningTasks(upgrade: boolean): { name: string; status: string }[] {
  return Object.keys(TASK_WEIGHTS)
    .filter((name) => upgrade || name !== 'DB_ENGINE_VERSION_UPGRADE')
    .map((name) => ({ name, status: 'PENDING' }));
}

function finish(ctx: SimContext, d: SimDeployment, green: SimCluster): void {
  green.status = 'available';
  for (const i of membersOf(ctx.state, green)) if (i.status === 'creating') i.status = 'available';
  for (const m of d.members) m.status = 'AVAILABLE';
  d.status = 'AVAILABLE';
  d.staleAvailableArmed = ctx.faults.current().staleAvailable;
  recordEvent(
    ctx.state,
    ctx.now(),
    'blueGreenTasksCompleted',
    deploymentSource(ctx.state, d),
    'Blue/green deployment tasks completed. You can make more modifications to the green environment databases or switch over the deployment.',
  );
}

function fail(ctx: SimContext, d: SimDeployment, green: SimCluster | undefined): void {
  if (green !== undefined) {
    green.status = 'available';
    for (const i of membersOf(ctx.state, green))
      if (i.status === 'creating') i.status = 'available';
  }
  d.status = 'INVALID_CONFIGURATION';
  d.statusDetails =
    'Replication from the blue environment to the green environment stopped; the green environment is not valid for a switchover. (emulator fault)';
  recordEvent(
    ctx.state,
    ctx.now(),
    'blueGreenCreateFailed',
    deploymentSource(ctx.state, d),
    'Creation of blue/green deployment failed: the green environment has an invalid configuration.',
  );
}

export function startProvisioning(ctx: SimContext, d: SimDeployment, blue: SimCluster): void {
  const live = () => ctx.state.deployments.includes(d) && d.status === 'PROVISIONING';
  const total = ctx.world.durations.createBlueGreen;
  const weightSum = d.tasks.reduce((sum, t) => sum + (TASK_WEIGHTS[t.name] ?? 0), 0);
  ctx.scheduler.spawn(`provision ${d.identifier}`, async () => {
    let green: SimCluster | undefined;
    for (const task of d.tasks) {
      if (!live()) return;
      task.status = 'IN_PROGRESS';
      if (task.name === 'CREATING_READ_REPLICA_OF_SOURCE')
        green = await createGreenCluster(ctx, d, blue);
      if (task.name === 'CREATE_DB_INSTANCES_FOR_CLUSTER' && green !== undefined) {
        await createGreenInstances(ctx, d, green);
      }
      await ctx.scheduler.control((total * (TASK_WEIGHTS[task.name] ?? 0)) / weightSum);
      if (!live()) return;
      if (d.failCreation && task.name === 'CREATE_DB_INSTANCES_FOR_CLUSTER') {
        task.status = 'FAILED';
        return fail(ctx, d, green);
      }
      task.status = 'COMPLETED';
    }
    const target = d.members.find((m) => m.kind === 'cluster')?.targetId;
    const greenNow = target === undefined ? undefined : clusterById(ctx.state, target);
    if (greenNow === undefined) return fail(ctx, d, undefined);
    finish(ctx, d, greenNow);
  });
}
