import type { types } from '@slack/bolt';

/** A Block Kit block as Slack's own types describe it. */
export type Block = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type Button = types.Button;

/** A message ready for chat.postMessage / chat.update / an ack: fallback text plus blocks. */
export interface SlackMessage {
  /** Plain fallback for notifications and clients without Block Kit; also escaped mrkdwn. */
  text: string;
  blocks: Block[];
}
