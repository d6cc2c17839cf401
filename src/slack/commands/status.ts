/** `status [run-id|cluster]` and `list`: read-only answers from the run store. */

import { problemReply } from '../blocks/reply.js';
import { rootMessage } from '../blocks/root.js';
import { runListMessage } from '../blocks/run-list.js';
import type { CommandContext, CommandReply } from './reply-types.js';

export async function listCommand(ctx: CommandContext): Promise<CommandReply> {
  return { message: runListMessage(await ctx.deps.engine.listRuns({ live: true })) };
}

export async function statusCommand(
  ctx: CommandContext,
  target: string | undefined,
): Promise<CommandReply> {
  const { engine, config, now } = ctx.deps;
  if (target === undefined) return listCommand(ctx);
  const alias = target.toLowerCase();
  if (config.clusters[alias]) {
    const live = await engine.liveRunForCluster(alias);
    if (live) return { message: rootMessage(live, now()) };
    const [last] = await engine.listRuns({ cluster: alias, limit: 1 });
    if (last) {
      const message = rootMessage(last, now());
      return {
        message: { ...message, text: `No live run on ${alias}; the last one: ${message.text}` },
      };
    }
    return {
      message: problemReply(
        `No run on ${alias} yet.`,
        `Start one with /aurora scaleup ${alias} <class>.`,
      ),
    };
  }
  const run = await engine.getRun(target);
  if (run) return { message: rootMessage(run, now()) };
  return {
    message: problemReply(
      `"${target}" is neither a run id nor a configured cluster.`,
      'Use /aurora list for live runs, or /aurora clusters for cluster names.',
    ),
  };
}
