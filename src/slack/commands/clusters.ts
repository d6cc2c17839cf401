/** `clusters`: the configured list at once, then the live class and state from AWS after the ack. */
import { clustersMessage, type LiveClusterState } from '../blocks/clusters.js';
import type { CommandContext, CommandReply } from './reply-types.js';

/** Longest wait for AWS per cluster in the follow-up, in ms. */
const DESCRIBE_TIMEOUT_MS = 10_000;

function withTimeout(promise: Promise<LiveClusterState>, ms: number): Promise<LiveClusterState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<LiveClusterState>((resolve) => {
    timer = setTimeout(() => resolve({ error: `no answer from AWS within ${ms / 1000} s` }), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function clustersCommand(ctx: CommandContext): CommandReply {
  const clusters = Object.values(ctx.deps.config.clusters);
  const describe = ctx.deps.describeCluster;
  if (!describe) return { message: clustersMessage(clusters, new Map()) };
  return {
    message: clustersMessage(clusters),
    followUp: async () => {
      const states = await Promise.all(
        clusters.map(async (c): Promise<[string, LiveClusterState]> => {
          try {
            return [c.alias, await withTimeout(describe(c), DESCRIBE_TIMEOUT_MS)];
          } catch (error) {
            return [c.alias, { error: error instanceof Error ? error.message : String(error) }];
          }
        }),
      );
      return clustersMessage(clusters, new Map(states));
    },
  };
}
