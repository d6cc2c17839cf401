import { DeleteBlueGreenDeploymentCommand } from '@aws-sdk/client-rds';
import { done, type Step, wait } from '../src/workflow/step.js';
import { deploymentName } from './create-green.js';

/** Deletes the finished deployment without DeleteTarget: both clusters stay. */
export const deleteDeployment: Step = {
  name: 'delete-deployment',
  title: 'Delete the blue/green deployment',
  async execute(ctx) {
    const deployment = await ctx.rds.findDeploymentByName(deploymentName(ctx.run.id));
    if (!deployment) return done(undefined, 'deployment deleted');
    if (deployment.Status === 'DELETING') return wait(ctx.pollMs, 'deployment deleting');
    await ctx.mutate(
      'DeleteBlueGreenDeployment',
      deployment.BlueGreenDeploymentIdentifier ?? '',
      new DeleteBlueGreenDeploymentCommand({
        BlueGreenDeploymentIdentifier: deployment.BlueGreenDeploymentIdentifier,
      }),
    );
    return wait(ctx.pollMs, 'deleting deployment');
  },
};
