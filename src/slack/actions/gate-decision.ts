/**
 * The Approve / Reject buttons. Ack at once; then the engine records the first valid decision
 * (it checks the nonce, the gate and the policy, and audits refusals). A refused click is
 * answered ephemerally to the clicker; an accepted one rewrites the prompt without buttons.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { describeError } from '../../errors.js';
import type { Actor, DecisionKind, Run } from '../../workflow/types.js';
import { ACTION_IDS } from '../action-ids.js';
import { decisionMessage } from '../blocks/decision.js';
import type { DecideResult } from '../engine-port.js';
import type { FrontDeps } from '../front-deps.js';
import { parseGateValue } from '../gate-value.js';

const REFUSED_TEXT: Record<string, string> = {
  unknown_run: 'this run does not exist (any more)',
  stale_gate: 'this button is stale: the run has moved on or the prompt was replaced',
  already_decided: 'this step was already decided',
  not_allowed: 'you are not allowed to decide this step',
  run_finished: 'the run has already finished',
};

export function registerGateDecision(
  app: App,
  deps: FrontDeps,
  userTz: (userId: string) => Promise<string | undefined>,
): void {
  const handle =
    (decision: DecisionKind) =>
    async ({
      ack,
      body,
      action,
      client,
    }: {
      ack: () => Promise<void>;
      body: BlockAction;
      action: ButtonAction;
      client: App['client'];
    }) => {
      await ack();
      const channel = body.channel?.id ?? body.container?.channel_id;
      const userId: unknown = body.user?.id;
      if (typeof userId !== 'string' || !/^[UW][A-Z0-9]+$/.test(userId)) {
        // why: a signed payload with a malformed user must never reach the audit log as an actor.
        deps.logger.warn({ channel }, 'button click without a valid user id ignored');
        return;
      }
      const actor: Actor = {
        id: body.user.id,
        name: body.user.username ?? body.user.name ?? body.user.id,
        via: 'slack',
      };
      const tell = async (text: string) => {
        if (!channel) return;
        await client.chat
          .postEphemeral({ channel, user: actor.id, text })
          .catch((error: unknown) =>
            deps.logger.warn({ err: error }, 'could not answer a click ephemerally'),
          );
      };
      const value = parseGateValue(action.value);
      if (!value) {
        deps.logger.warn({ user: actor.id }, 'button click with a malformed value');
        await tell('⛔ Not recorded: this button is not valid.');
        return;
      }
      let before: Run | undefined;
      let result: DecideResult;
      try {
        before = await deps.engine.getRun(value.runId);
        result = await deps.engine.decide({ ...value, actor, decision }, deps.policy.decide);
      } catch (error) {
        deps.logger.error({ err: error, runId: value.runId }, 'could not record a decision');
        await tell(
          `⚠️ Your click could not be recorded (${describeError(error)}). Try again in a moment.`,
        );
        return;
      }
      if (!result.ok) {
        const why = result.reason || REFUSED_TEXT[result.code] || result.code;
        deps.logger.info(
          { runId: value.runId, user: actor.id, code: result.code },
          'click refused',
        );
        await tell(`⛔ Not recorded: ${why}`);
        return;
      }
      const gate = before?.gate?.id === value.gateId ? before.gate : undefined;
      const ts = body.message?.ts ?? body.container?.message_ts;
      if (!before || !gate || !channel || !ts) return;
      const entries = await deps.engine.audit(value.runId);
      const decided = entries.findLast(
        (e) => e.event.type === 'gate.decided' && e.event.gateId === gate.id,
      );
      const message = decisionMessage(
        before,
        gate,
        { decision, actor, at: decided?.at ?? new Date(deps.now()).toISOString() },
        await userTz(actor.id),
      );
      await client.chat
        .update({ channel, ts, text: message.text, blocks: message.blocks })
        .catch((error: unknown) =>
          deps.logger.warn({ err: error }, 'could not rewrite the approval prompt'),
        );
    };
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.approve, handle('approve'));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.reject, handle('reject'));
}
