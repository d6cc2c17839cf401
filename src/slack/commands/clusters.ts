/** `clusters`: the configured list at once, then the live class and state from AWS after the ack. */
import { clustersMessage, type LiveClusterState } from '../blocks/clusters.js';
import type { CommandContext, CommandReply } from './reply-types.js';

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
            return [c.alias, await describe(c)];
          } catch (error) {
            return [c.alias, { error: error instanceof Error ? error.message : String(error) }];
          }
        }),
      );
      return clustersMessage(clusters, new Map(states));
    },
  };
}
