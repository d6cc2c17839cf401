/** `cancel <run-id>`: the requester or an approver; the engine stops the run at a safe point. */
import { problemReply, textReply } from '../blocks/reply.js';
import { esc } from '../mrkdwn.js';
import type { CommandContext, CommandReply } from './reply-types.js';

export async function cancelCommand(ctx: CommandContext, runId: string): Promise<CommandReply> {
  const { engine, policy } = ctx.deps;
  const run = await engine.getRun(runId);
  if (!run)
    return {
      message: problemReply(
        `No run "${runId}".`,
        'Use /aurora list to see live runs and their ids.',
      ),
    };
  const verdict = await policy.cancel(run, ctx.actor);
  if (!verdict.allowed) return { message: problemReply(`Not cancelled: ${verdict.reason}.`) };
  const result = await engine.cancel(runId, ctx.actor);
  if (!result.ok) return { message: problemReply(`Not cancelled: ${result.reason}`) };
  return { message: textReply(`🛑 ${esc(result.message)}`), enqueued: true };
}
