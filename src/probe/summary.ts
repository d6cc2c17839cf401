/** The human summary the CLI prints, from a report alone. */
import { formatDuration } from '../duration.js';
import type { EndpointReport, LatencyReport, OutageReport, ProbeReport } from './types.js';

const ms = (value: number | null) => (value === null ? '–' : `${value} ms`);
const latency = (l: LatencyReport) => `p50 ${ms(l.p50)}, p99 ${ms(l.p99)}, max ${ms(l.max)}`;
const time = (iso: string) => iso.slice(11, 23);

function outageLine(o: OutageReport, index: number): string {
  const errors = Object.entries(o.errors)
    .map(([cls, n]) => `${cls} ${n}`)
    .join(', ');
  const bounds =
    o.upperMs === null
      ? `at least ${formatDuration(o.lowerMs)}`
      : `between ${formatDuration(o.lowerMs)} and ${formatDuration(o.upperMs)}`;
  const span = `${time(o.start)} → ${o.end === null ? 'still failing' : time(o.end)}`;
  const note = o.beforeBaseline ? ' (failing since the probe started)' : '';
  return `  outage ${index + 1}: ${span}, about ${formatDuration(o.durationMs)} (${bounds})${note}; ${o.failedOps} failed: ${errors}`;
}

function endpointLines(role: string, e: EndpointReport, extra = ''): string[] {
  const lines = [
    `${role} ${e.endpoint}: ${e.ops} operations, ${e.ok} ok, ${e.failed} failed${e.skipped ? `, ${e.skipped} ticks skipped` : ''}${extra}`,
  ];
  if (!e.baselineEstablished) {
    lines.push('  NO BASELINE: not one operation succeeded, so no outage can be measured.');
    if (e.outages[0]) lines.push(`  first error: ${e.outages[0].firstError}`);
    return lines;
  }
  if (e.outages.length === 0) lines.push('  no outage');
  else {
    lines.push(`  ${e.outages.length} outage(s), ${formatDuration(e.totalOutageMs)} in total`);
    lines.push(...e.outages.map(outageLine));
    const first = e.outages[0];
    if (first) lines.push(`  first error: ${first.firstError}`);
  }
  lines.push(`  latency ${latency(e.latencyMs)}`);
  if (e.latencyBeforeMs && e.latencyAfterMs)
    lines.push(
      `  latency before ${latency(e.latencyBeforeMs)}; after ${latency(e.latencyAfterMs)}`,
    );
  return lines;
}

/** A few lines for people: per endpoint its outages with bounds, then the write verification. */
export function formatProbeSummary(report: ProbeReport): string {
  const lengthMs = Date.parse(report.endedAt) - Date.parse(report.startedAt);
  const lines = [
    `Probe run ${report.runId}: ${report.startedAt} → ${report.endedAt} (${formatDuration(lengthMs)}, every ${report.intervalMs} ms, timeout ${report.timeoutMs} ms${report.readOnly ? ', read-only' : ''})`,
    ...endpointLines('writer', report.writer),
  ];
  if (report.reader) {
    const lag =
      report.reader.maxLagMs === null ? '' : `; replica lag max ${report.reader.maxLagMs} ms`;
    lines.push(...endpointLines('reader', report.reader, lag));
  }
  const w = report.writes;
  if (report.readOnly) lines.push('writes: not checked (read-only mode)');
  else {
    const state = w.verified ? 'verified' : `NOT verified${w.error ? `: ${w.error}` : ''}`;
    lines.push(
      `writes: ${w.acknowledged} acknowledged, ${w.lost} lost, ${w.ambiguous} ambiguous (${state})`,
    );
    if (w.lost > 0) lines.push('  LOST WRITES: acknowledged inserts are missing.');
    if (w.ambiguous > 0)
      lines.push(
        '  ambiguous writes committed although the client saw an error: retries must be idempotent.',
      );
  }
  return lines.join('\n');
}
