import { SwitchoverBlueGreenDeploymentCommand } from '@aws-sdk/client-rds';
import { AwsError } from '../src/aws/aws-errors.js';
import { AppError } from '../src/errors.js';
import { makeEvidence } from '../src/workflow/evidence.js';
import { done, type Step, type StepContext, str, wait } from '../src/workflow/step.js';
import { deploymentName } from './create-green.js';

/** How long the documented stale-AVAILABLE race is retried (Terraform uses 10 minutes too). */
export const STALE_AVAILABLE_RETRY_MS = 10 * 60_000;

async function oldClusterId(ctx: StepContext): Promise<string | undefined> {
  const id = ctx.run.cluster.clusterIdentifier;
  const pattern = new RegExp(`^${id.replace(/[-]/g, '\\-')}-old(\\d+)$`);
  const olds = (await ctx.rds.listClusters())
    .map((c) => c.DBClusterIdentifier ?? '')
    .filter((name) => pattern.test(name))
    .sort((a, b) => Number(pattern.exec(b)?.[1]) - Number(pattern.exec(a)?.[1]));
  return olds[0];
}

/**
 * Switches production to green. Disruptive: approval-gated and probed. Calls Switchover only
 * while the deployment is AVAILABLE and no call was made yet; retries the stale-AVAILABLE race.
 */
export const switchover: Step = {
  name: 'switchover',
  title: 'Switch over to green',
  probed: true,
  gate: {
    title: 'Switch production to green',
    expectedOutage: 'about 30 s (AWS: typically under a minute)',
    action: (ctx) =>
      `Switch ${ctx.run.cluster.clusterIdentifier} over to its green copy running ${ctx.run.targetClass}; the old cluster becomes ${ctx.run.cluster.clusterIdentifier}-old1.`,
    async evidence(ctx) {
      const deployment = await ctx.rds.findDeploymentByName(deploymentName(ctx.run.id));
      const green = await ctx.rds.describeInstances(str(ctx.run.context.greenClusterId) ?? '');
      return makeEvidence([
        `deployment ${deployment?.BlueGreenDeploymentIdentifier} ${deployment?.Status}`,
        ...(deployment?.SwitchoverDetails ?? []).map(
          (m) =>
            `member ${m.SourceMember?.split(':').pop()} → ${m.TargetMember?.split(':').pop() ?? '?'} ${m.Status}`,
        ),
        ...green.map(
          (i) =>
            `green ${i.DBInstanceIdentifier} ${i.DBInstanceClass} ${i.DBInstanceStatus}${i.PendingModifiedValues?.DBInstanceClass ? ` (pending ${i.PendingModifiedValues.DBInstanceClass})` : ''}`,
        ),
      ]);
    },
  },
  async execute(ctx) {
    const deployment = await ctx.rds.findDeploymentByName(deploymentName(ctx.run.id));
    const id = deployment?.BlueGreenDeploymentIdentifier;
    if (!deployment || !id) {
      return {
        kind: 'fail',
        error: new AppError('green_missing', 'The blue/green deployment is gone.', {
          hint: 'Start a new run.',
        }),
      };
    }
    switch (deployment.Status) {
      case 'SWITCHOVER_COMPLETED':
        return done(
          { switchedOver: true, oldClusterId: await oldClusterId(ctx) },
          'switchover completed',
        );
      case 'SWITCHOVER_IN_PROGRESS':
        return wait(Math.min(ctx.pollMs, 1000), 'switchover in progress');
      case 'SWITCHOVER_FAILED':
        return {
          kind: 'fail',
          error: new AppError(
            'switchover_failed',
            `Switchover failed and was rolled back: ${deployment.StatusDetails ?? 'no details'}.`,
            {
              hint: 'Production still runs on blue, unchanged. Check replica lag and long transactions, then start a new run (or switch over in the console).',
            },
          ),
        };
      case 'AVAILABLE':
        break;
      default:
        return {
          kind: 'fail',
          error: new AppError(
            'green_invalid',
            `Deployment ${id} is ${deployment.Status}: ${deployment.StatusDetails ?? ''}`,
            {
              hint: 'Production is unchanged; inspect the deployment in the console.',
            },
          ),
        };
    }
    const firstTry = Number(ctx.run.context.switchoverFirstTryAt ?? ctx.now());
    try {
      await ctx.mutate(
        'SwitchoverBlueGreenDeployment',
        id,
        new SwitchoverBlueGreenDeploymentCommand({
          BlueGreenDeploymentIdentifier: id,
          SwitchoverTimeout: ctx.run.options.switchoverTimeoutS,
        }),
      );
    } catch (error) {
      // why: right after turning AVAILABLE, Switchover can still answer "not in available
      // state" (terraform-provider-aws#36241); retry for a while before giving up.
      if (
        error instanceof AwsError &&
        error.awsCode === 'InvalidBlueGreenDeploymentStateFault' &&
        ctx.now() - firstTry < STALE_AVAILABLE_RETRY_MS
      ) {
        await ctx.progress('AWS says green is not quite ready yet; retrying the switchover');
        return wait(Math.min(ctx.pollMs, 3000), 'retrying switchover', {
          switchoverFirstTryAt: firstTry,
        });
      }
      throw error;
    }
    return wait(Math.min(ctx.pollMs, 1000), 'switchover started', {
      switchoverFirstTryAt: firstTry,
    });
  },
};
