/**
 * The outage a real MySQL client saw during a disruptive step: writer and reader windows with
 * their bounds, replica lag, and whether any acknowledged write was lost.
 */
import { formatDuration } from '../../duration.js';
import type { EndpointReport, OutageReport, ProbeReport } from '../../probe/types.js';
import type { Run, StepName } from '../../workflow/types.js';
import { code, esc } from '../mrkdwn.js';
import { context, lineSections, message, section } from './limits.js';
import { stepLabel } from './step-label.js';
import type { SlackMessage } from './types.js';

/** Windows listed per endpoint; the rest are counted. */
const MAX_WINDOWS = 8;

function clock(iso: string | null): string {
  return iso ? `${iso.slice(11, 23)}` : 'now';
}

function bounds(o: OutageReport): string {
  const upper = o.upperMs === null ? 'unbounded' : formatDuration(o.upperMs);
  return `between ${formatDuration(o.lowerMs)} and ${upper}`;
}

function windowLine(o: OutageReport): string {
  const errors = Object.entries(o.errors)
    .map(([cls, n]) => `${cls} ${n}`)
    .join(', ');
  const flags = [
    o.ongoing ? 'still ongoing' : '',
    o.beforeBaseline ? 'before the first success' : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `• ${clock(o.start)} → ${clock(o.end)} UTC · *${formatDuration(o.durationMs)}* (${bounds(o)}) · ${o.failedOps} failed op(s)${errors ? ` (${esc(errors)})` : ''}${flags ? ` · _${flags}_` : ''}`;
}

/** The lines for one endpoint: a headline, then its windows. */
export function endpointLines(name: string, r: EndpointReport, extra?: string): string[] {
  const head = `*${name}* ${code(r.endpoint)}`;
  if (!r.baselineEstablished) {
    return [
      `${head}: ⚠️ never reachable during the step (${r.failed} failed op(s)); no outage could be measured`,
    ];
  }
  const stats = `${r.ops} ops, ${r.failed} failed${extra ? ` · ${extra}` : ''}`;
  if (r.outages.length === 0) return [`${head}: no outage observed · ${stats}`];
  const lower = r.outages.reduce((n, o) => n + o.lowerMs, 0);
  const upper = r.outages.some((o) => o.upperMs === null)
    ? undefined
    : r.outages.reduce((n, o) => n + (o.upperMs ?? 0), 0);
  const range =
    upper === undefined
      ? `at least ${formatDuration(lower)}`
      : `between ${formatDuration(lower)} and ${formatDuration(upper)}`;
  const lines = [
    `${head}: unavailable *${formatDuration(r.totalOutageMs)}* in ${r.outages.length} window(s) (true value ${range}) · ${stats}`,
    ...r.outages.slice(0, MAX_WINDOWS).map(windowLine),
  ];
  if (r.outages.length > MAX_WINDOWS)
    lines.push(`_… ${r.outages.length - MAX_WINDOWS} more window(s)_`);
  return lines;
}

export function writesLine(report: ProbeReport): string {
  if (report.readOnly) return '*Writes*: not checked (read-only probe)';
  const w = report.writes;
  const lost = w.lost === 0 ? 'lost 0 ✅' : `❗ *lost ${w.lost}* acknowledged write(s)`;
  const ambiguous =
    w.ambiguous === 0
      ? 'ambiguous 0'
      : `ambiguous ${w.ambiguous} (committed although the client saw an error)`;
  const verified = w.verified ? '' : ` · ⚠️ not fully verified${w.error ? `: ${esc(w.error)}` : ''}`;
  return `*Writes*: ${w.acknowledged} acknowledged · ${lost} · ${ambiguous}${verified}`;
}

export function probeReportMessage(run: Run, step: StepName, report: ProbeReport): SlackMessage {
  const label = stepLabel(run, step);
  const lines = endpointLines('Writer', report.writer);
  if (report.reader) {
    const lag =
      report.reader.maxLagMs === null
        ? undefined
        : `max replica lag ${formatDuration(report.reader.maxLagMs)}`;
    lines.push(...endpointLines('Reader', report.reader, lag));
  }
  const blocks = [
    section(`📉 *Measured outage · ${label}*`),
    ...lineSections(lines, 4),
    section(writesLine(report)),
    context(
      `Probe sampled every ${report.intervalMs} ms from ${clock(report.startedAt)} to ${clock(report.endedAt)} UTC; bounds hold to within one interval.`,
    ),
  ];
  const writer = report.writer;
  const text = writer.baselineEstablished
    ? `Measured writer outage during ${label}: ${formatDuration(writer.totalOutageMs)}; lost writes ${report.writes.lost}`
    : `Probe during ${label}: writer never reachable`;
  return message(text, blocks);
}
