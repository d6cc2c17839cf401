import type { SimBotIdentity, SlackWorkspace } from './types.js';

/** The bot's identity when the workspace names none. */
export const DEFAULT_BOT: SimBotIdentity = {
  userId: 'U0AURORA',
  botId: 'B0AURORA',
  appId: 'A0AURORA',
  name: 'aurora',
};

/**
 * The demo workspace: #ops, a requester in Seoul, an approver in Berlin (the only member of
 * @db-leads) and a third person who is neither, so the two-person rule can be shown.
 */
export function defaultWorkspace(): SlackWorkspace {
  return {
    teamId: 'T0SIM',
    teamDomain: 'aurora-sim',
    users: [
      { id: 'U0ALICE', name: 'alice', realName: 'Alice Kim', tz: 'Asia/Seoul', title: 'requester' },
      { id: 'U0BOB', name: 'bob', realName: 'Bob Becker', tz: 'Europe/Berlin', title: 'approver' },
      { id: 'U0CAROL', name: 'carol', realName: 'Carol Diaz', tz: 'America/New_York' },
    ],
    channels: [{ id: 'C0OPS', name: 'ops', topic: 'Database operations' }],
    usergroups: [{ id: 'S0DBLEADS', handle: 'db-leads', name: 'DB leads', users: ['U0BOB'] }],
    bot: { ...DEFAULT_BOT },
  };
}
