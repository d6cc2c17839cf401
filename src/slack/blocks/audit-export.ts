/**
 * `/aurora audit <run-id>`: the verification result first, then one readable line per entry,
 * then the hash chain as JSON in code blocks (seq, time, event type, previous hash, hash) so an
 * auditor can recompute it. Long logs are cut to fit and point to the CLI's full export.
 */
import type { AuditEntry, Run } from '../../workflow/types.js';
import { describeEvent } from '../audit/describe-event.js';
import { type AuditVerification, verificationLine } from '../audit/verification.js';
import { code, esc } from '../mrkdwn.js';
import { context, header, LIMITS, lineSections, message, section } from './limits.js';
import type { Block, SectionBlock, SlackMessage } from './types.js';

const LINE_SECTIONS = 26;
const JSON_SECTIONS = 18;

/** Packs JSON lines into code-block sections; undefined entries beyond the budget are counted. */
function jsonSections(lines: string[]): { blocks: SectionBlock[]; omitted: number } {
  const budget = LIMITS.text - 8; // the ``` fences and newlines
  const chunks: string[] = [];
  let current = '';
  let used = 0;
  for (const line of lines) {
    if (current && current.length + 1 + line.length > budget) {
      if (chunks.length + 1 >= JSON_SECTIONS) break;
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
    used += 1;
  }
  if (current) chunks.push(current);
  return { blocks: chunks.map((c) => section(`\`\`\`${c}\`\`\``)), omitted: lines.length - used };
}

export function auditExportMessage(
  runId: string,
  run: Run | undefined,
  entries: readonly AuditEntry[],
  verification: AuditVerification,
): SlackMessage {
  const title = run ? `Audit · ${run.cluster.alias} → ${run.targetClass}` : `Audit · ${runId}`;
  const verdict = verificationLine(verification);
  const lines = entries.map(
    (e) => `${code(`#${e.seq}`)} ${e.at.slice(11, 19)} ${esc(describeEvent(e.event))}`,
  );
  const chain = entries.map((e) =>
    esc(
      JSON.stringify({
        seq: e.seq,
        at: e.at,
        type: e.event.type,
        prevHash: e.prevHash,
        hash: e.hash,
      }),
    ),
  );
  const json = jsonSections(chain);
  const blocks: Block[] = [
    header(title),
    section(`*${esc(verdict)}*\nRun ${code(runId)}${run ? ` · status ${esc(run.status)}` : ''}`),
    ...lineSections(lines, LINE_SECTIONS),
    section('*Hash chain (JSON)*'),
    ...json.blocks,
  ];
  const note = json.omitted > 0 ? `${json.omitted} chain entries not shown. ` : '';
  blocks.push(
    context(
      `${note}Full export with every event: \`npx aurora-bot audit export ${esc(runId)} --format json\``,
    ),
  );
  return message(`${esc(verdict)} (run ${esc(runId)})`, blocks);
}
