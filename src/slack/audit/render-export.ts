/**
 * The audit export in the two file formats the CLI writes: JSON (machine-checkable, the chain
 * with every field) and Markdown (verification first, then one line per entry).
 */
import type { AuditEntry, Run } from '../../workflow/types.js';
import { describeEvent } from './describe-event.js';
import { type AuditVerification, verificationLine } from './verification.js';

export type AuditFormat = 'json' | 'md';

export function renderAuditJson(
  runId: string,
  run: Run | undefined,
  entries: readonly AuditEntry[],
  verification: AuditVerification,
): string {
  const summary = run
    ? {
        cluster: run.cluster,
        targetClass: run.targetClass,
        strategy: run.strategy,
        status: run.status,
        requester: run.requester,
      }
    : undefined;
  return `${JSON.stringify({ runId, verification, run: summary, entries }, null, 2)}\n`;
}

export function renderAuditMarkdown(
  runId: string,
  run: Run | undefined,
  entries: readonly AuditEntry[],
  verification: AuditVerification,
): string {
  const lines = [`# Audit of run ${runId}`, '', `**${verificationLine(verification)}**`, ''];
  if (run) {
    lines.push(
      `- cluster: ${run.cluster.alias} (${run.cluster.clusterIdentifier}, ${run.cluster.region}, ${run.cluster.environment})`,
      `- target class: ${run.targetClass}; strategy: ${run.strategy}; status: ${run.status}`,
      `- requester: ${run.requester.name ?? run.requester.id} (${run.requester.id})`,
      '',
    );
  }
  lines.push('| # | time (UTC) | event | hash |', '|---|---|---|---|');
  for (const e of entries) {
    const text = describeEvent(e.event).replace(/\|/g, '\\|').replace(/\n/g, ' ');
    lines.push(`| ${e.seq} | ${e.at} | ${text} | \`${e.hash.slice(0, 12)}\` |`);
  }
  return `${lines.join('\n')}\n`;
}
