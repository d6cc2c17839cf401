/**
 * Runs a disruptive step under the outage probe. The step's polls happen in-process (seconds to
 * minutes), so the probe lives for the whole outage in one process: start, wait for a healthy
 * baseline, make the call, poll until AWS reports completion, wait until the endpoints have been
 * healthy for the settle period, then store the report.
 */
import { TransientAwsError } from '../aws/aws-errors.js';
import { formatDuration } from '../duration.js';
import { AppError } from '../errors.js';
import type { Probe } from '../probe/index.js';
import type { EngineEnv } from './engine-env.js';
import type { Step, StepContext, StepResult } from './step.js';
import type { Run } from './types.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Set once a probed step has finished under the probe and its report is stored. */
const measuredKey = (cursor: number) => `probeMeasured:${cursor}`;

async function openProbe(env: EngineEnv, run: Run, generation: number): Promise<Probe | undefined> {
  const cluster = env.config.clusters[run.cluster.alias];
  if (!cluster?.probe) return undefined;
  const info = await env.rdsFor(run.cluster.region).describeCluster(run.cluster.clusterIdentifier);
  if (!info?.Endpoint || !info.Port) return undefined;
  const probe = env.startProbe({
    writer: { host: info.Endpoint, port: info.Port },
    ...(info.ReaderEndpoint ? { reader: { host: info.ReaderEndpoint, port: info.Port } } : {}),
    user: cluster.probe.user,
    ...(cluster.probePassword === undefined ? {} : { password: cluster.probePassword }),
    database: cluster.probe.database,
    intervalMs: cluster.probe.intervalMs,
    // why: rows are keyed by (probe run id, seq); a restarted probe counts from 0 again and
    // must not collide with its predecessor's rows, which would look like an outage.
    runId: `${run.id}-${run.cursor}-g${generation}`,
    logger: env.logger.child({ runId: run.id, probe: true }),
  });
  probe.fatal.catch((error: unknown) =>
    env.logger.warn({ err: error, runId: run.id }, 'probe stopped'),
  );
  return probe;
}

export async function runProbed(
  env: EngineEnv,
  run: Run,
  step: Step,
  ctx: StepContext,
): Promise<StepResult> {
  if (run.context[measuredKey(run.cursor)] === true) {
    // why: a worker died after the measured step finished but before the run moved on. The
    // step only has to report its outputs again; a new probe would replace the measurement
    // with one taken after the outage.
    return await step.execute(ctx);
  }
  const generationKey = `probeGeneration:${run.cursor}`;
  const generation = Number(run.context[generationKey] ?? 0) + 1;
  run.context[generationKey] = generation;
  await env.runs.save(run);
  if (generation > 1) {
    await ctx.progress(
      'the worker restarted during this step; the probe restarted too, so any outage before now is not measured',
    );
  }
  const probe = await openProbe(env, run, generation);
  if (probe) await probe.waitForBaseline(env.timing.baselineTimeoutMs);
  let result: StepResult;
  let finished = false;
  let transient = 0;
  const pollingSince = env.now();
  try {
    for (;;) {
      try {
        result = await step.execute(ctx);
      } catch (error) {
        if (error instanceof TransientAwsError && transient < 60) {
          transient += 1;
          await sleep(Math.min(1000 * 2 ** Math.min(transient, 5), 30_000));
          continue;
        }
        throw error;
      }
      transient = 0;
      if (result.kind === 'wait' && env.now() - pollingSince > env.timing.probedStepTimeoutMs) {
        // why: polled in-process, a step AWS never finishes would hold its worker slot forever.
        result = {
          kind: 'fail',
          error: new AppError(
            'step_timeout',
            `${step.title} is still not finished after ${formatDuration(env.now() - pollingSince)} (${result.note ?? 'no detail'}).`,
            {
              hint: 'Check the cluster in the AWS console; once it is available, start a new run (steps look before they act).',
            },
          ),
        };
      }
      if (result.kind !== 'wait') {
        finished = result.kind === 'done';
        break;
      }
      if (result.context) Object.assign(run.context, result.context);
      if (result.note && run.steps[run.cursor]) run.steps[run.cursor]!.note = result.note;
      await env.runs.save(run);
      await sleep(Math.min(result.afterMs ?? env.timing.pollMs, 1000));
    }
    if (probe && result.kind === 'done') {
      const cluster = env.config.clusters[run.cluster.alias];
      await probe.waitHealthyFor(
        cluster?.probe?.settle ?? env.timing.settleMs,
        env.timing.settleTimeoutMs,
      );
    }
  } finally {
    if (probe) {
      const report = await probe.stop();
      run.probeReports[step.name] = report;
      if (finished) run.context[measuredKey(run.cursor)] = true;
      await env.runs.save(run);
      await env.emit(
        run,
        { type: 'probe.report', step: step.name, report },
        `probe:${run.cursor}:${generation}`,
      );
      env.metrics.outageSeconds.observe(
        { step: step.name, endpoint: 'writer' },
        report.writer.totalOutageMs / 1000,
      );
      if (report.reader) {
        env.metrics.outageSeconds.observe(
          { step: step.name, endpoint: 'reader' },
          report.reader.totalOutageMs / 1000,
        );
      }
    }
  }
  return result;
}
