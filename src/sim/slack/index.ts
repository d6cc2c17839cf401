/** The local Slack stand-in: Slack's Web API, signed commands and clicks, and a web page. */

export { DEFAULT_SIM_APP_TOKEN, DEFAULT_SIM_BOT_TOKEN } from './default-tokens.js';
export { defaultWorkspace } from './default-workspace.js';
export { decodeSlackEntities, escapeHtml } from './escape-html.js';
export { renderBlocks, renderTextObject } from './render-blocks.js';
export { mentionNames, renderChannel } from './render-channel.js';
export { type MentionNames, renderMrkdwn } from './render-mrkdwn.js';
export { signSlackRequest } from './sign-slack-request.js';
export { startSlackSim } from './start-slack-sim.js';
export type {
  BotAnswer,
  SimBotIdentity,
  SimChannel,
  SimMessage,
  SimUser,
  SimUsergroup,
  SlackSim,
  SlackSimFaults,
  SlackSimOptions,
  SlackWorkspace,
  WebApiCall,
} from './types.js';
export { BLOCK_LIMITS, validateBlocks } from './validate-blocks.js';
