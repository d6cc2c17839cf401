import { CreateBlueGreenDeploymentCommand } from '@aws-sdk/client-rds';
import { AppError } from '../src/errors.js';
import { done, nameFromArn, type Step, str, wait } from '../src/workflow/step.js';

/** Deterministic so a repeated activation finds the deployment instead of creating another. */
export function deploymentName(runId: string): string {
  return `aurora-bot-${runId}`;
}

/**
 * Creates the blue/green deployment (once: it looks it up by name first) and polls it to
 * AVAILABLE, parking the job between polls. Never passes TargetDBInstanceClass: Aurora green
 * instances are resized afterwards, one by one.
 */
export const createGreen: Step = {
  name: 'create-green',
  title: 'Create the green environment',
  async execute(ctx) {
    const name = deploymentName(ctx.run.id);
    const deployment = await ctx.rds.findDeploymentByName(name);
    const pollMs = ctx.defaults.greenPollInterval;
    if (!deployment) {
      const cluster = await ctx.rds.describeCluster(ctx.run.cluster.clusterIdentifier);
      const parameterGroup =
        str(ctx.run.context.parameterGroup) ?? cluster?.DBClusterParameterGroup;
      const out = await ctx.mutate<{
        BlueGreenDeployment?: { BlueGreenDeploymentIdentifier?: string };
      }>(
        'CreateBlueGreenDeployment',
        name,
        new CreateBlueGreenDeploymentCommand({
          BlueGreenDeploymentName: name,
          Source: cluster?.DBClusterArn ?? str(ctx.run.context.clusterArn),
          // why: without it green has silently fallen back to the default group (terraform#49132).
          TargetDBClusterParameterGroupName: parameterGroup,
          Tags: [
            { Key: 'created-by', Value: 'aurora-bot' },
            { Key: 'aurora-bot-run', Value: ctx.run.id },
          ],
        }),
      );
      return wait(pollMs, 'green creation started', {
        deploymentName: name,
        deploymentId: out.BlueGreenDeployment?.BlueGreenDeploymentIdentifier,
      });
    }
    const status = deployment.Status;
    const context = {
      deploymentName: name,
      deploymentId: deployment.BlueGreenDeploymentIdentifier,
    };
    if (
      status === 'INVALID_CONFIGURATION' ||
      status === 'SWITCHOVER_FAILED' ||
      status === 'DELETING'
    ) {
      return {
        kind: 'fail',
        error: new AppError(
          'green_invalid',
          `Blue/green deployment ${name} is ${status}: ${deployment.StatusDetails ?? 'no details'}.`,
          {
            hint: 'Production is unchanged. Inspect the deployment in the console, delete it, and start a new run.',
          },
        ),
      };
    }
    const tasks = deployment.Tasks ?? [];
    const completed = tasks.filter((t) => t.Status === 'COMPLETED').length;
    const members = deployment.SwitchoverDetails ?? [];
    if (status === 'AVAILABLE' && members.every((m) => m.Status === 'AVAILABLE')) {
      return done(
        { ...context, greenClusterId: nameFromArn(deployment.Target) },
        `${deployment.BlueGreenDeploymentIdentifier} AVAILABLE`,
      );
    }
    const running = tasks.find((t) => t.Status === 'IN_PROGRESS')?.Name;
    const note = `${status}: ${completed}/${tasks.length} tasks done${running ? `, ${running}` : ''}`;
    await ctx.progress(`green ${note}`);
    return wait(pollMs, note, context);
  },
};
