/**
 * SWITCHOVER_IN_PROGRESS → SWITCHOVER_COMPLETED (or SWITCHOVER_FAILED with rollback).
 * Both environments are unreachable for the drawn outage; the deployment completes only
 * after the outage has ended and the control-plane time has passed. A switchover that would
 * take longer than SwitchoverTimeout rolls back when the timeout expires.
 */
import { deploymentSource } from '../model/event-sources.js';
import { recordEvent } from '../model/record-event.js';
import type { SimDeployment } from '../model/sim-state.js';
import type { SimContext } from '../runtime/sim-context.js';
import { clusterEndpoints } from './outage-targets.js';
import { runOutage } from './run-outage.js';
import { pairResources, type SwitchoverPair, switchoverPairs } from './switchover-pairs.js';
import { applySwitchoverRenames } from './switchover-renames.js';

const label = (p: SwitchoverPair) => (p.kind === 'cluster' ? 'DB cluster' : 'DB instance');

function rollback(ctx: SimContext, d: SimDeployment, pairs: SwitchoverPair[], reason: string) {
  for (const r of pairResources(pairs)) r.status = 'available';
  for (const p of pairs) {
    p.member.status = 'AVAILABLE';
    recordEvent(
      ctx.state,
      ctx.now(),
      'memberSwitchoverCanceled',
      deploymentSource(ctx.state, d),
      `Switchover from ${label(p)} ${p.blue.identifier} to ${p.green.identifier} was canceled due to ${reason}.`,
    );
  }
  d.status = 'SWITCHOVER_FAILED';
  d.statusDetails = `Switchover was canceled due to ${reason}. Changes were rolled back.`;
  recordEvent(
    ctx.state,
    ctx.now(),
    'switchoverCanceled',
    deploymentSource(ctx.state, d),
    'Switchover canceled on blue/green deployment.',
  );
}

async function complete(ctx: SimContext, d: SimDeployment, pairs: SwitchoverPair[]) {
  const before = new Map(pairs.map((p) => [p, [p.blue.identifier, p.green.identifier]] as const));
  await applySwitchoverRenames(ctx, pairs);
  for (const r of pairResources(pairs)) r.status = 'available';
  for (const p of pairs) {
    p.member.status = 'SWITCHOVER_COMPLETED';
    const [blue, green] = before.get(p) ?? [];
    recordEvent(
      ctx.state,
      ctx.now(),
      'memberSwitchoverCompleted',
      deploymentSource(ctx.state, d),
      `Switchover from ${label(p)} ${blue} to ${green} completed. Renamed databases.`,
    );
  }
  d.status = 'SWITCHOVER_COMPLETED';
  d.statusDetails = undefined;
  recordEvent(
    ctx.state,
    ctx.now(),
    'switchoverCompleted',
    deploymentSource(ctx.state, d),
    'Switchover completed on blue/green deployment.',
  );
}

export function startSwitchover(ctx: SimContext, d: SimDeployment, timeoutSeconds: number): void {
  const fault = ctx.faults.takeSwitchover();
  const pairs = switchoverPairs(ctx.state, d);
  const timeoutMs = timeoutSeconds * 1000;
  const timesOut = fault === 'timeout' || ctx.world.durations.switchover > timeoutMs;
  d.status = 'SWITCHOVER_IN_PROGRESS';
  d.statusDetails = undefined;
  for (const r of pairResources(pairs)) r.status = 'renaming';
  for (const p of pairs) {
    p.member.status = 'SWITCHOVER_IN_PROGRESS';
    recordEvent(
      ctx.state,
      ctx.now(),
      'memberSwitchoverStarted',
      deploymentSource(ctx.state, d),
      `Switchover from ${label(p)} ${p.blue.identifier} to ${p.green.identifier} started.`,
    );
  }
  recordEvent(
    ctx.state,
    ctx.now(),
    'switchoverStarted',
    deploymentSource(ctx.state, d),
    'Switchover started on blue/green deployment.',
  );
  const addresses = pairs.flatMap((p) =>
    p.kind === 'cluster'
      ? [...clusterEndpoints(ctx.state, p.blue), ...clusterEndpoints(ctx.state, p.green)]
      : [],
  );
  ctx.scheduler.spawn(`switchover ${d.identifier}`, async () => {
    await Promise.all([
      ctx.scheduler.control(timesOut ? timeoutMs : ctx.world.durations.switchover),
      runOutage(ctx, 'switchover', [...new Set(addresses)]),
    ]);
    if (!ctx.state.deployments.includes(d) || d.status !== 'SWITCHOVER_IN_PROGRESS') return;
    if (timesOut)
      return rollback(
        ctx,
        d,
        pairs,
        `the switchover exceeding the timeout of ${timeoutSeconds} seconds`,
      );
    if (fault === 'failed')
      return rollback(ctx, d, pairs, 'a failed guardrail check (emulator fault)');
    await complete(ctx, d, pairs);
  });
}
