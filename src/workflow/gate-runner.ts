/**
 * Runs an approval gate for a step: opens it once (saved before it is announced, so the nonce
 * in the posted buttons is the stored one), applies `--yes` pre-approval, waits for a decision
 * without holding a worker, expires it at the deadline, and re-checks the evidence before an
 * approval takes effect.
 */
import type { EngineEnv } from './engine-env.js';
import { newNonce } from './run-ids.js';
import type { Step, StepContext } from './step.js';
import type { Gate, Run } from './types.js';

export type GateOutcome =
  | { kind: 'approved' }
  | { kind: 'rejected' }
  | { kind: 'rearmed' }
  | { kind: 'expired' }
  | { kind: 'park'; untilMs: number };

export const approvedKey = (step: string) => `approved:${step}`;

async function probeReachable(
  env: EngineEnv,
  run: Run,
  step: Step,
): Promise<Gate['probeReachable']> {
  if (!step.probed) return 'not-applicable';
  const cluster = env.config.clusters[run.cluster.alias];
  if (!cluster?.probe) return 'not-configured';
  const info = await env.rdsFor(run.cluster.region).describeCluster(run.cluster.clusterIdentifier);
  if (!info?.Endpoint || !info.Port) return false;
  const probe = env.startProbe({
    writer: { host: info.Endpoint, port: info.Port },
    user: cluster.probe.user,
    ...(cluster.probePassword === undefined ? {} : { password: cluster.probePassword }),
    database: cluster.probe.database,
    intervalMs: cluster.probe.intervalMs,
    readOnly: true,
    logger: env.logger,
  });
  probe.fatal.catch(() => {});
  try {
    return await probe.waitForBaseline(Math.min(env.timing.baselineTimeoutMs, 5000));
  } finally {
    await probe.stop();
  }
}

export async function runGate(
  env: EngineEnv,
  run: Run,
  step: Step,
  ctx: StepContext,
): Promise<GateOutcome> {
  const spec = step.gate;
  if (!spec) return { kind: 'approved' };
  let gate = run.gate;
  if (!gate || gate.step !== step.name) {
    const evidence = await spec.evidence(ctx);
    const reachable = await probeReachable(env, run, step);
    const counterKey = `gates:${step.name}`;
    const n = Number(run.context[counterKey] ?? 0) + 1;
    const now = env.now();
    gate = {
      id: `${step.name}-${n}`,
      step: step.name,
      nonce: newNonce(),
      title: spec.title,
      action: spec.action(ctx),
      expectedOutage: spec.expectedOutage,
      evidence,
      openedAt: new Date(now).toISOString(),
      deadline: new Date(now + env.config.defaults.approvalTimeout).toISOString(),
      probeReachable: reachable,
    };
    run.gate = gate;
    run.context[counterKey] = n;
    run.status = 'awaiting_approval';
    run.updatedAt = gate.openedAt;
    await env.runs.save(run);
  }
  await env.emit(run, { type: 'gate.opened', gate }, `gate-opened:${gate.id}`);

  if (run.preApproval) {
    await env.decisions.record(run.id, {
      gateId: gate.id,
      decision: 'approve',
      actor: run.preApproval,
      at: new Date(env.now()).toISOString(),
      preApproved: true,
    });
  }
  const decision = await env.decisions.get(run.id, gate.id);
  if (!decision) {
    const deadline = Date.parse(gate.deadline);
    if (env.now() >= deadline) {
      await env.emit(
        run,
        { type: 'gate.expired', gateId: gate.id, step: step.name },
        `expired:${gate.id}`,
      );
      return { kind: 'expired' };
    }
    return { kind: 'park', untilMs: Math.min(deadline, env.now() + env.timing.approvalSliceMs) };
  }
  await env.emit(
    run,
    {
      type: 'gate.decided',
      gateId: gate.id,
      step: step.name,
      decision: decision.decision,
      actor: decision.actor,
      ...(decision.preApproved ? { preApproved: true } : {}),
    },
    `decided:${gate.id}`,
  );
  if (decision.decision === 'reject') {
    delete run.gate;
    return { kind: 'rejected' };
  }
  const fresh = await spec.evidence(ctx);
  if (fresh.digest !== gate.evidence.digest) {
    const changed = fresh.lines.filter((line) => !gate.evidence.lines.includes(line));
    await env.emit(
      run,
      {
        type: 'gate.refused',
        gateId: gate.id,
        step: step.name,
        actor: decision.actor,
        code: 'evidence_changed',
        reason: `the situation changed since the prompt (${changed.join('; ') || 'facts differ'}); asking again`,
      },
      `evidence-changed:${gate.id}`,
    );
    delete run.gate;
    await env.runs.save(run);
    return { kind: 'rearmed' };
  }
  run.context[approvedKey(step.name)] = true;
  delete run.gate;
  run.status = 'running';
  await env.runs.save(run);
  return { kind: 'approved' };
}
