/**
 * Configuration errors that stop the probe: they are not outages, and probing on would only
 * report a long, false one.
 */
import { UserError } from '../errors.js';
import { classifyError, errnoOf, errorMessage, PRIVILEGE_ERRNOS } from './classify.js';

/** What the probe was doing: it tells which privilege was missing when the server does not. */
export type ProbeStep = 'connect' | 'setup' | 'insert' | 'read' | 'verify';

const STEP_PRIVILEGE: Readonly<Record<ProbeStep, string>> = {
  connect: 'USAGE',
  setup: 'CREATE',
  insert: 'INSERT',
  read: 'SELECT',
  verify: 'SELECT',
};

export interface FatalContext {
  step: ProbeStep;
  role: 'writer' | 'reader';
  endpoint: string;
  user: string;
  database: string;
}

/** The fatal error for `error`, or undefined when it is an outage symptom to keep probing through. */
export function fatalError(error: unknown, ctx: FatalContext): UserError | undefined {
  if (classifyError(error) === 'auth') {
    return new UserError(
      'probe_auth',
      `The ${ctx.role} ${ctx.endpoint} rejected user '${ctx.user}': ${errorMessage(error)}`,
      {
        hint: 'Check the user and password (--password-env VAR or --password-file FILE); an authentication failure is a configuration error, not an outage.',
        cause: error,
      },
    );
  }
  const errno = errnoOf(error);
  if (errno === undefined || !PRIVILEGE_ERRNOS.has(errno)) return undefined;
  const message = errorMessage(error);
  // why: MySQL and MariaDB name the privilege as "<PRIV> command denied to user …"
  const named = /\b([A-Z][A-Z ]*?) command denied/.exec(message)?.[1];
  const privilege = named ?? STEP_PRIVILEGE[ctx.step];
  const grant =
    ctx.role === 'writer'
      ? `GRANT CREATE, INSERT, SELECT ON \`${ctx.database}\`.* TO '${ctx.user}'@'%'`
      : `GRANT SELECT ON \`${ctx.database}\`.* TO '${ctx.user}'@'%'`;
  return new UserError(
    'probe_privileges',
    `User '${ctx.user}' lacks the ${privilege} privilege on \`${ctx.database}\` through the ${ctx.role} ${ctx.endpoint}: ${message}`,
    {
      hint: `Grant it (${grant}), or run with --read-only to probe with SELECT 1 and no table.`,
      cause: error,
    },
  );
}
