/** `/aurora clusters`: configured clusters, policy, and (once fetched) live class and state. */
import type { ClusterConfig } from '../../config.js';
import { code, esc } from '../mrkdwn.js';
import { context, lineSections, message } from './limits.js';
import type { Block, SlackMessage } from './types.js';

/** What AWS says about a cluster now; `error` when it could not be asked. */
export type LiveClusterState =
  | { writerClass: string; status: string; instances: number; engineVersion?: string }
  | { error: string };

function principals(ids: readonly string[]): string {
  return ids.map((id) => (id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`)).join(' ');
}

export function clusterLine(cluster: ClusterConfig, live?: LiveClusterState): string {
  const head = `• ${code(cluster.alias)} → ${esc(cluster.clusterIdentifier)} (${esc(cluster.region)}, ${esc(cluster.environment)})`;
  const liveText =
    live === undefined
      ? ''
      : 'error' in live
        ? ` · live state unavailable: ${esc(live.error)}`
        : ` · writer ${code(live.writerClass)}, ${esc(live.status)}, ${live.instances} instance(s)${live.engineVersion ? `, ${esc(live.engineVersion)}` : ''}`;
  const requesters = cluster.requesters.length > 0 ? principals(cluster.requesters) : 'anyone';
  const approvers = cluster.approvers.length > 0 ? principals(cluster.approvers) : 'requesters';
  return `${head}${liveText}\n      may request: ${requesters} · may approve: ${approvers} · two-person rule ${cluster.twoPersonRule ? 'on' : 'off'}`;
}

export function clustersMessage(
  clusters: readonly ClusterConfig[],
  live?: ReadonlyMap<string, LiveClusterState>,
): SlackMessage {
  const lines = clusters.map((c) => clusterLine(c, live?.get(c.alias)));
  const blocks: Block[] = lineSections(
    [`*Clusters this bot may touch* (${clusters.length})`, ...lines],
    10,
  );
  if (live === undefined) blocks.push(context('Asking AWS for the live class and state…'));
  return message(`${clusters.length} configured cluster(s)`, blocks);
}
