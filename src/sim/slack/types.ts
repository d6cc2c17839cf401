/**
 * The Slack stand-in's public shapes. Field names follow Slack's where a Slack payload carries
 * the same thing, so tests read like the real API.
 */
import type { Logger } from '../../logger.js';

export interface SimUser {
  /** `U…` ID. */
  id: string;
  /** Handle, shown as `@name`. */
  name: string;
  realName: string;
  /** IANA time zone, e.g. `Asia/Seoul`; users.info derives `tz_offset` (s) from it. */
  tz: string;
  /** Profile title, shown next to the name in the user switcher (e.g. "requester"). */
  title?: string;
}

export interface SimChannel {
  /** `C…` ID. */
  id: string;
  /** Name without `#`. */
  name: string;
  isPrivate?: boolean;
  topic?: string;
}

export interface SimUsergroup {
  /** `S…` ID. */
  id: string;
  /** Mention handle without `@`, e.g. `db-leads`. */
  handle: string;
  name: string;
  /** Member user IDs. */
  users: string[];
}

/** The app's own identity, as auth.test reports it. */
export interface SimBotIdentity {
  userId: string;
  botId: string;
  appId: string;
  name: string;
}

export interface SlackWorkspace {
  teamId: string;
  teamDomain: string;
  users: SimUser[];
  channels: SimChannel[];
  usergroups: SimUsergroup[];
  /** The bot's identity; a default `aurora` bot when absent. */
  bot?: SimBotIdentity;
}

export interface SlackSimOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /**
   * Bolt's base URL, e.g. http://127.0.0.1:3000; commands go to `<botUrl>/slack/events`
   * unless the bot is connected in Socket Mode, which takes precedence.
   */
  botUrl?: string;
  signingSecret: string;
  /** The bearer token the Web API accepts (default `xoxb-sim-token`). */
  botToken?: string;
  /** The app-level token `apps.connections.open` accepts, for Socket Mode (default `xapp-sim-token`). */
  appToken?: string;
  workspace?: SlackWorkspace;
  /**
   * The app's slash commands (default `['/aurora']`). The page sends only these to the bot and
   * answers others as Slack does ("not a valid command"); sendCommand() sends anything.
   */
  commands?: string[];
  /** Clock in ms since the epoch, for message timestamps and response_url expiry. */
  now?: () => number;
  /** Receives one debug line per request and warnings for failed deliveries. */
  logger?: Logger;
}

/** One message as the stand-in stores it. */
export interface SimMessage {
  channel: string;
  /** Slack timestamp, the message's ID, e.g. `1700000000.000100`. */
  ts: string;
  /** The root's ts when this is a thread reply. */
  threadTs?: string;
  /**
   * Slack's meaning: the author of a normal message (the bot's user ID for bot posts); for an
   * ephemeral message, the only user who sees it.
   */
  user: string;
  /** Set on messages the bot posted. */
  botId?: string;
  text: string;
  blocks: unknown[];
  ephemeral: boolean;
  /** A thread reply also shown in the channel (`reply_broadcast`). */
  replyBroadcast: boolean;
  /** Time of the last edit (ms), when edited. */
  editedAt?: number;
  /** Thread replies, oldest first (empty for replies themselves). */
  replies: SimMessage[];
}

/** One Web API or response_url call received, in arrival order. */
export interface WebApiCall {
  /** Arrival time (ms since the epoch). */
  time: number;
  /** Web API method such as `chat.postMessage`, or `response_url`. */
  method: string;
  /** Arguments with JSON-string fields (`blocks`) parsed; the token is never kept. */
  args: Record<string, unknown>;
  /** HTTP status the stand-in answered. */
  status: number;
  ok: boolean;
  error?: string;
}

export interface SlackSimFaults {
  /** Answer every Nth Web API call with HTTP 429 and `Retry-After` (0/undefined: never). */
  rateLimitEvery?: number;
  /** Seconds in the `Retry-After` header of those answers (default 1). */
  retryAfterSeconds?: number;
  /** Answer every Nth Web API call with HTTP 500 (0/undefined: never). */
  serverErrorEvery?: number;
}

/** What the bot answered to a signed request. */
export interface BotAnswer {
  status: number;
  /** The parsed JSON body, the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
}

export interface SlackSim {
  /** The web page, e.g. http://127.0.0.1:4600/. */
  readonly url: string;
  /** Web API base for Bolt's `clientOptions.slackApiUrl`, ending with `/api/`. */
  readonly apiUrl: string;
  readonly workspace: SlackWorkspace;
  setBotUrl(url: string): void;
  /** Sends a signed slash command as `user`; resolves with the HTTP status and the ack body. */
  sendCommand(args: {
    user: string;
    text: string;
    channel?: string;
    command?: string;
  }): Promise<BotAnswer>;
  /**
   * Clicks a button on a stored message as `user` with a real block_actions payload. When
   * several buttons share `actionId`, the one whose value equals `value` is clicked; a `value`
   * that matches none is sent instead of the button's own (a forged or stale click).
   */
  clickButton(args: {
    user: string;
    channel?: string;
    ts: string;
    actionId: string;
    value?: string;
  }): Promise<BotAnswer>;
  /** Root messages with their replies, oldest first, including every user's ephemeral ones. */
  messages(channel?: string): SimMessage[];
  /** Every Web API and response_url call so far. */
  calls(): WebApiCall[];
  /** Replaces the fault plan; the call counter restarts. `{}` turns faults off. */
  setFaults(faults: SlackSimFaults): void;
  /** Signs and sends any body to the bot (for forged or replayed requests). `timestamp` in s. */
  sendSigned(args: { body: string; timestamp?: number; secret?: string }): Promise<BotAnswer>;
  close(): Promise<void>;
}
