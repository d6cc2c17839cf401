import type { Run } from './types.js';

/** The machine-readable summary of a run (the CLI's final JSON; stable field names). */
export function runSummary(run: Run) {
  return {
    runId: run.id,
    status: run.status,
    cluster: run.cluster.alias,
    clusterIdentifier: run.cluster.clusterIdentifier,
    strategy: run.strategy,
    targetClass: run.targetClass,
    requester: run.requester.id,
    steps: run.steps.map((s) => ({
      name: s.name,
      status: s.status,
      start: s.startedAt ?? null,
      end: s.endedAt ?? null,
      durationMs: s.startedAt && s.endedAt ? Date.parse(s.endedAt) - Date.parse(s.startedAt) : null,
      ...(s.note ? { note: s.note } : {}),
    })),
    outages: run.probeReports,
    mutations: run.mutations.map((m) => ({
      step: m.step,
      action: m.action,
      target: m.target,
      requestId: m.requestId,
      at: m.at,
    })),
    // why: a dry run's whole point is its plan; scripts read it from the summary.
    ...(run.options.dryRun && run.plan ? { plan: run.plan } : {}),
    ...(run.error ? { error: run.error } : {}),
    createdAt: run.createdAt,
    finishedAt: run.finishedAt ?? null,
  };
}
