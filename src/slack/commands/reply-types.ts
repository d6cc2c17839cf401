import type { Actor } from '../../workflow/types.js';
import type { SlackMessage } from '../blocks/types.js';
import type { FrontDeps } from '../front-deps.js';

/** Who typed the command, and where. */
export interface CommandContext {
  deps: FrontDeps;
  actor: Actor;
  channel: string;
}

/** The acknowledgement, and optionally a second answer computed after it (e.g. from AWS). */
export interface CommandReply {
  message: SlackMessage;
  /** Never touches AWS before the ack: runs only once the ack is sent. */
  followUp?: () => Promise<SlackMessage | undefined>;
  /** Whether the command stored and enqueued anything (for logs and tests). */
  enqueued?: boolean;
}
