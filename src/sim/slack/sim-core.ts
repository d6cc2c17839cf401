import { UserError } from '../../errors.js';
import { buildBlockActions } from './build-block-actions.js';
import { buildSlashCommand, newTriggerId } from './build-slash-command.js';
import { DEFAULT_BOT } from './default-workspace.js';
import { escapeSlackText } from './escape-html.js';
import { FaultPlan } from './fault-plan.js';
import { findButton } from './find-button.js';
import { MessageStore } from './message-store.js';
import { postSigned } from './post-signed.js';
import { asArray, asRecord, asString } from './read-fields.js';
import { ResponseUrls } from './response-urls.js';
import { SocketModeHub } from './socket-mode-hub.js';
import type {
  BotAnswer,
  SimChannel,
  SimMessage,
  SimUser,
  SlackWorkspace,
  WebApiCall,
} from './types.js';
import { toWireMessage, type WebApiContext } from './web-api-context.js';

export interface SimCoreOptions {
  workspace: SlackWorkspace;
  signingSecret: string;
  botUrl: string | undefined;
  commands: string[];
  now: () => number;
}

/**
 * The stand-in's state and behaviour, independent of HTTP: the workspace, the messages, the
 * calls received, and what a person does (commands, clicks, plain messages).
 */
export class SimCore {
  readonly workspace: SlackWorkspace;
  readonly bot;
  readonly store: MessageStore;
  readonly faults = new FaultPlan();
  readonly calls: WebApiCall[] = [];
  readonly responseUrls: ResponseUrls;
  /** Apps connected in Socket Mode; while one is, commands and clicks go over it. */
  readonly socketMode = new SocketModeHub();
  readonly now: () => number;
  readonly commands: readonly string[];
  readonly #secret: string;
  /** Where the stand-in itself listens, ending with `/`; set once listening. */
  baseUrl = 'http://127.0.0.1/';
  botUrl: string | undefined;

  constructor(options: SimCoreOptions) {
    this.workspace = options.workspace;
    this.bot = options.workspace.bot ?? DEFAULT_BOT;
    this.now = options.now;
    this.#secret = options.signingSecret;
    this.commands = options.commands;
    this.botUrl = options.botUrl;
    this.store = new MessageStore(options.now);
    this.responseUrls = new ResponseUrls({
      store: this.store,
      bot: this.bot,
      now: options.now,
      record: (call) => this.calls.push(call),
    });
  }

  apiContext(): WebApiContext {
    const { workspace, bot, store, baseUrl, now } = this;
    return { workspace, bot, store, baseUrl, now };
  }

  user(id: string): SimUser {
    const user = this.workspace.users.find((u) => u.id === id || u.name === id);
    if (user) return user;
    throw new UserError('sim_unknown_user', `No user ${id} in the stand-in's workspace.`, {
      hint: `Known users: ${this.workspace.users.map((u) => `${u.id} (${u.name})`).join(', ')}.`,
    });
  }

  channel(ref: string | undefined): SimChannel {
    const channel =
      ref === undefined
        ? this.workspace.channels[0]
        : this.workspace.channels.find((c) => c.id === ref || c.name === ref.replace(/^#/, ''));
    if (channel) return channel;
    throw new UserError(
      'sim_unknown_channel',
      `No channel ${ref ?? ''} in the stand-in's workspace.`,
      {
        hint: `Known channels: ${this.workspace.channels.map((c) => `${c.id} (#${c.name})`).join(', ')}.`,
      },
    );
  }

  /** Signs with the real clock: Bolt checks the timestamp against its own `Date.now()`. */
  async sendSigned(args: {
    body: string;
    timestamp?: number;
    secret?: string;
  }): Promise<BotAnswer> {
    if (this.botUrl === undefined) {
      throw new UserError('sim_bot_url_missing', 'The stand-in does not know where the bot is.', {
        hint: 'Pass --bot-url http://127.0.0.1:3000 (or botUrl / setBotUrl() from code), or start the bot in Socket Mode against the stand-in.',
      });
    }
    return postSigned({
      botUrl: this.botUrl,
      secret: args.secret ?? this.#secret,
      body: args.body,
      timestamp: args.timestamp ?? Math.floor(Date.now() / 1000),
    });
  }

  /**
   * Delivers a command or click body the way the app receives them: as an envelope over its
   * Socket Mode connection when it has one, else as a signed POST to its events URL.
   */
  async deliver(body: string): Promise<BotAnswer> {
    if (!this.socketMode.connected()) return this.sendSigned({ body });
    const form = new URLSearchParams(body);
    const payload = form.get('payload');
    return payload === null
      ? this.socketMode.send('slash_commands', Object.fromEntries(form))
      : this.socketMode.send('interactive', JSON.parse(payload));
  }

  async sendCommand(args: {
    user: string;
    text: string;
    channel?: string;
    command?: string;
  }): Promise<BotAnswer> {
    const user = this.user(args.user);
    const channel = this.channel(args.channel);
    const command = args.command ?? '/aurora';
    const body = buildSlashCommand({
      workspace: this.workspace,
      bot: this.bot,
      user,
      channel,
      command,
      text: args.text,
      responseUrl: this.baseUrl + this.responseUrls.issue({ channel: channel.id, user: user.id }),
      triggerId: newTriggerId(this.now()),
    });
    let answer: BotAnswer;
    try {
      answer = await this.deliver(body);
    } catch (error) {
      this.#commandFailed(user, channel, command, 'dispatch_failed');
      throw error;
    }
    if (answer.status === 200) this.#showAck(user, channel, `${command} ${args.text}`, answer.body);
    else
      this.#commandFailed(
        user,
        channel,
        command,
        answer.status === 404 ? 'operation_timeout' : 'dispatch_failed',
      );
    return answer;
  }

  /**
   * A line typed into the message box that starts with `/`: sent to the bot when it is one of
   * the app's commands; otherwise Slack's own answer, and nothing is sent.
   */
  async typeCommand(
    userId: string,
    channelRef: string | undefined,
    typed: string,
  ): Promise<BotAnswer | undefined> {
    const [command = '', ...words] = typed.trim().split(/\s+/);
    if (!this.commands.includes(command)) {
      const user = this.user(userId);
      const channel = this.channel(channelRef);
      const text = `${escapeSlackText(command)} is not a valid command. This app's commands: ${this.commands.join(', ')}.`;
      this.store.post(channel.id, { user: user.id, text, blocks: [], ephemeral: true });
      return undefined;
    }
    return this.sendCommand({
      user: userId,
      text: words.join(' '),
      command,
      ...(channelRef === undefined ? {} : { channel: channelRef }),
    });
  }

  /** What Slack shows for a command the app did not answer properly. */
  #commandFailed(user: SimUser, channel: SimChannel, command: string, error: string): void {
    const text = `${command} failed with the error "${error}"`;
    this.store.post(channel.id, { user: user.id, text, blocks: [], ephemeral: true });
  }

  /** Slack shows an ack body: to the invoker alone, or with the command to everyone. */
  #showAck(user: SimUser, channel: SimChannel, typed: string, ack: unknown): void {
    const body = asRecord(ack);
    const text = asString(body?.text) ?? '';
    const blocks = asArray(body?.blocks);
    if (text === '' && blocks.length === 0) return;
    const inChannel = body?.response_type === 'in_channel';
    if (inChannel)
      this.store.post(channel.id, { user: user.id, text: escapeSlackText(typed), blocks: [] });
    this.store.post(channel.id, {
      user: inChannel ? this.bot.userId : user.id,
      botId: this.bot.botId,
      text,
      blocks,
      ephemeral: !inChannel,
    });
  }

  async clickButton(args: {
    user: string;
    channel?: string;
    ts: string;
    actionId: string;
    value?: string;
    blockId?: string;
  }): Promise<BotAnswer> {
    const user = this.user(args.user);
    const channel = this.channel(args.channel);
    const message = this.store.find(channel.id, args.ts);
    if (message === undefined || (message.ephemeral && message.user !== user.id)) {
      throw new UserError(
        'sim_message_not_found',
        `No message ${args.ts} in #${channel.name} for ${user.name}.`,
      );
    }
    const button = findButton(message.blocks, args.actionId, {
      value: args.value,
      blockId: args.blockId,
    });
    if (button === undefined) {
      throw new UserError(
        'sim_button_not_found',
        `Message ${args.ts} has no button ${args.actionId}.`,
      );
    }
    const body = buildBlockActions({
      workspace: this.workspace,
      bot: this.bot,
      user,
      channel,
      message,
      wireMessage: toWireMessage(message, this.apiContext()),
      button,
      ...(args.value === undefined || args.value === button.element.value
        ? {}
        : { value: args.value }),
      responseUrl:
        this.baseUrl +
        this.responseUrls.issue({
          channel: channel.id,
          user: user.id,
          messageTs: message.ts,
          ...(message.threadTs === undefined ? {} : { threadTs: message.threadTs }),
        }),
      triggerId: newTriggerId(this.now()),
      now: this.now(),
    });
    return this.deliver(body);
  }

  /** A plain message typed by a person; the bot gets no event for it (it subscribes to none). */
  postUserMessage(userId: string, channelRef: string | undefined, text: string): SimMessage {
    const user = this.user(userId);
    const channel = this.channel(channelRef);
    return this.store.post(channel.id, { user: user.id, text: escapeSlackText(text), blocks: [] });
  }
}
