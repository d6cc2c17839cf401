/** `audit <run-id>`: the verified audit log, verification result first. */
import { auditExportMessage } from '../blocks/audit-export.js';
import { problemReply } from '../blocks/reply.js';
import type { CommandContext, CommandReply } from './reply-types.js';

export async function auditCommand(ctx: CommandContext, runId: string): Promise<CommandReply> {
  const { engine } = ctx.deps;
  const [run, entries, verification] = await Promise.all([
    engine.getRun(runId),
    engine.audit(runId),
    engine.verifyAudit(runId),
  ]);
  if (!run && entries.length === 0) {
    return {
      message: problemReply(
        `No run "${runId}".`,
        'Use /aurora list, or /aurora status <cluster>, to find run ids.',
      ),
    };
  }
  return { message: auditExportMessage(runId, run, entries, verification) };
}
