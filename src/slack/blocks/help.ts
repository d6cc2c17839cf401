/** `/aurora help`, also the answer to anything not understood. */
import { USAGE } from '../commands/parse.js';
import { code, esc } from '../mrkdwn.js';
import { context, lineSections, message, section } from './limits.js';
import type { SlackMessage } from './types.js';

const WHAT: Record<keyof typeof USAGE, string> = {
  scaleup:
    'scale the cluster to a larger instance class; each disruptive step waits for an approver',
  plan: 'the same as a dry run: shows the plan and the expected outage, changes nothing',
  status: 'a run, the live run on a cluster, or all live runs',
  list: 'live runs',
  cancel: 'stop a run at the next safe point (the requester or an approver)',
  clusters: 'the clusters this bot may touch, with their live class and state',
  audit: 'the verified audit log of a run',
  help: 'this help',
};

export function helpMessage(clusters: readonly string[], unknown?: string): SlackMessage {
  const lines = (Object.keys(USAGE) as (keyof typeof USAGE)[]).map(
    (sub) => `• \`/aurora ${esc(USAGE[sub])}\`: ${WHAT[sub]}`,
  );
  const blocks = [];
  if (unknown !== undefined)
    blocks.push(section(`I don't know ${code(unknown)}. Here is what I can do:`));
  blocks.push(...lineSections(['*`/aurora` commands*', ...lines], 2));
  blocks.push(
    context(
      `Clusters: ${clusters.length > 0 ? clusters.map(code).join(', ') : '_none configured_'} · classes such as \`r6g.2xlarge\` or \`db.r7g.4xlarge\` · e.g. \`/aurora scaleup ${esc(clusters[0] ?? 'prod-db')} r6g.2xlarge\``,
    ),
  );
  const text =
    unknown === undefined
      ? 'aurora-bot commands'
      : `I don't know "${esc(unknown)}": see the commands below`;
  return message(text, blocks);
}
