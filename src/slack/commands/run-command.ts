/** Dispatches a parsed `/aurora` command to its handler. */
import { helpMessage } from '../blocks/help.js';
import { problemReply } from '../blocks/reply.js';
import { auditCommand } from './audit.js';
import { cancelCommand } from './cancel.js';
import { clustersCommand } from './clusters.js';
import type { ParsedCommand } from './parse.js';
import type { CommandContext, CommandReply } from './reply-types.js';
import { scaleCommand } from './scale.js';
import { listCommand, statusCommand } from './status.js';

export async function runCommand(ctx: CommandContext, cmd: ParsedCommand): Promise<CommandReply> {
  switch (cmd.kind) {
    case 'help':
      return { message: helpMessage(Object.keys(ctx.deps.config.clusters), cmd.unknown) };
    case 'usage':
      return { message: problemReply(`${cmd.problem}.`, `Usage: ${cmd.usage}`) };
    case 'scaleup':
    case 'plan':
      return scaleCommand(ctx, cmd);
    case 'status':
      return statusCommand(ctx, cmd.target);
    case 'list':
      return listCommand(ctx);
    case 'cancel':
      return cancelCommand(ctx, cmd.runId);
    case 'clusters':
      return clustersCommand(ctx);
    case 'audit':
      return auditCommand(ctx, cmd.runId);
  }
}
