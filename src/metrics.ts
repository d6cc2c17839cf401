/**
 * Prometheus metrics, one registry per process (tests create their own). The engine, the RDS
 * gateway and the Slack front all count through this object rather than global singletons.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  runs: Counter<'strategy' | 'outcome'>;
  stepDuration: Histogram<'step'>;
  outageSeconds: Histogram<'step' | 'endpoint'>;
  pendingApprovals: Gauge;
  rdsCalls: Counter<'action' | 'outcome'>;
  slackRetries: Counter<'method' | 'reason'>;
  /** Where `pendingApprovals` is read from at scrape time (the engine sets it: the truth is in Redis). */
  setPendingApprovalsSource(source: () => Promise<number>): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  let pendingSource: (() => Promise<number>) | undefined;
  return {
    setPendingApprovalsSource(source) {
      pendingSource = source;
    },
    registry,
    runs: new Counter({
      name: 'aurora_bot_runs_total',
      help: 'Runs that ended, by strategy and outcome',
      labelNames: ['strategy', 'outcome'],
      registers: [registry],
    }),
    stepDuration: new Histogram({
      name: 'aurora_bot_step_duration_seconds',
      help: 'Wall-clock duration of workflow steps',
      labelNames: ['step'],
      buckets: [1, 10, 60, 300, 900, 1800, 3600, 7200],
      registers: [registry],
    }),
    outageSeconds: new Histogram({
      name: 'aurora_bot_measured_outage_seconds',
      help: 'Outage measured by the probe during disruptive steps',
      labelNames: ['step', 'endpoint'],
      buckets: [0.5, 1, 5, 10, 20, 30, 60, 120, 600],
      registers: [registry],
    }),
    pendingApprovals: new Gauge({
      name: 'aurora_bot_pending_approvals',
      help: 'Approval gates currently open',
      registers: [registry],
      async collect() {
        if (pendingSource) this.set(await pendingSource());
      },
    }),
    rdsCalls: new Counter({
      name: 'aurora_bot_rds_calls_total',
      help: 'RDS API calls by action and outcome (ok or the error code)',
      labelNames: ['action', 'outcome'],
      registers: [registry],
    }),
    slackRetries: new Counter({
      name: 'aurora_bot_slack_retries_total',
      help: 'Slack Web API calls retried, by method and reason',
      labelNames: ['method', 'reason'],
      registers: [registry],
    }),
  };
}
