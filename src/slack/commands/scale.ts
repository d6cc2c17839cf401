/**
 * `scaleup` and `plan`: checks what can be checked without AWS (cluster alias, instance class,
 * requester policy), then lets the engine validate, store and enqueue the run.
 */
import { KNOWN_CLASS_EXAMPLES, normalizeInstanceClass } from '../../aws/instance-classes.js';
import type { Strategy } from '../../config.js';
import { UserError } from '../../errors.js';
import { problemReply, textReply } from '../blocks/reply.js';
import { code, esc } from '../mrkdwn.js';
import type { CommandContext, CommandReply } from './reply-types.js';

export async function scaleCommand(
  ctx: CommandContext,
  cmd: { kind: 'scaleup' | 'plan'; cluster: string; targetClass: string; strategy?: Strategy },
): Promise<CommandReply> {
  const { deps, actor, channel } = ctx;
  const aliases = Object.keys(deps.config.clusters);
  if (!deps.config.clusters[cmd.cluster]) {
    return {
      message: problemReply(
        `Unknown cluster "${cmd.cluster}".`,
        `Configured clusters: ${aliases.join(', ') || 'none'}. See /aurora clusters.`,
      ),
    };
  }
  const targetClass = normalizeInstanceClass(cmd.targetClass);
  if (!targetClass) {
    return {
      message: problemReply(
        `"${cmd.targetClass}" is not an Aurora MySQL instance class.`,
        `Use one such as ${KNOWN_CLASS_EXAMPLES} (the db. prefix is optional).`,
      ),
    };
  }
  const verdict = await deps.policy.request(cmd.cluster, actor.id);
  if (!verdict.allowed) {
    return {
      message: problemReply(
        `Not started: ${verdict.reason}.`,
        'See /aurora clusters for who may request.',
      ),
    };
  }
  try {
    const run = await deps.engine.createRun({
      clusterAlias: cmd.cluster,
      targetClass,
      ...(cmd.strategy ? { strategy: cmd.strategy } : {}),
      requester: actor,
      slack: { channel },
      dryRun: cmd.kind === 'plan',
    });
    const what =
      cmd.kind === 'plan'
        ? `📋 Planning ${code(run.cluster.alias)} → ${code(run.targetClass)} via *${esc(run.strategy)}* (dry run: nothing will change)`
        : `✅ Queued scale-up of ${code(run.cluster.alias)} → ${code(run.targetClass)} via *${esc(run.strategy)}*`;
    return {
      message: textReply(
        `${what}\nRun ${code(run.id)}: follow the thread in <#${esc(channel)}>.${cmd.kind === 'plan' ? '' : ' Each disruptive step waits for an approver.'}`,
      ),
      enqueued: true,
    };
  } catch (error) {
    if (error instanceof UserError) return { message: problemReply(error.message, error.hint) };
    throw error;
  }
}
