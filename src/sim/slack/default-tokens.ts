/** The bearer token the stand-in's Web API accepts when none is configured. */
export const DEFAULT_SIM_BOT_TOKEN = 'xoxb-sim-token';
/** The app-level token `apps.connections.open` accepts when none is configured (Socket Mode). */
export const DEFAULT_SIM_APP_TOKEN = 'xapp-sim-token';
