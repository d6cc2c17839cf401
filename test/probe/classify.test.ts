import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { classifyError, errorMessage, TIMEOUT_CODE } from '../../src/probe/classify.js';
import { fatalError } from '../../src/probe/fatal.js';

const mysqlError = (errno: number, code: string, message: string) =>
  Object.assign(new Error(message), { errno, code, sqlState: 'HY000' });
const netError = (code: string) => Object.assign(new Error(`connect ${code}`), { code, errno: -1 });

describe('classifyError', () => {
  it.each([
    [netError('ECONNREFUSED'), 'refused'],
    [netError('EHOSTUNREACH'), 'refused'],
    [mysqlError(1040, 'ER_CON_COUNT_ERROR', 'Too many connections'), 'refused'],
    [netError('ECONNRESET'), 'reset'],
    [netError('EPIPE'), 'reset'],
    [
      Object.assign(new Error('Connection lost: The server closed the connection.'), {
        code: 'PROTOCOL_CONNECTION_LOST',
      }),
      'reset',
    ],
    [new Error("Can't add new command when connection is in closed state"), 'reset'],
    [mysqlError(1053, 'ER_SERVER_SHUTDOWN', 'Server shutdown in progress'), 'reset'],
    [mysqlError(1927, 'ER_CONNECTION_KILLED', 'Connection was killed'), 'reset'],
    [netError('ETIMEDOUT'), 'timeout'],
    [Object.assign(new Error('no answer'), { code: TIMEOUT_CODE }), 'timeout'],
    [
      mysqlError(
        1290,
        'ER_OPTION_PREVENTS_STATEMENT',
        'The MySQL server is running with the --read-only option',
      ),
      'read-only',
    ],
    [mysqlError(1836, 'ER_READ_ONLY_MODE', 'Running in read-only mode'), 'read-only'],
    [
      mysqlError(
        1045,
        'ER_ACCESS_DENIED_ERROR',
        "Access denied for user 'x'@'h' (using password: YES)",
      ),
      'auth',
    ],
    [mysqlError(1142, 'ER_TABLEACCESS_DENIED_ERROR', 'INSERT command denied'), 'other'],
    [netError('ENOTFOUND'), 'other'],
    ['a string', 'other'],
  ] as const)('when the error is %s, then it is %s', (error, expected) => {
    expect(classifyError(error)).toBe(expected);
  });

  it('when a server error is described, then its number leads the message', () => {
    expect(errorMessage(mysqlError(1290, 'X', 'read only'))).toBe('1290: read only');
    expect(errorMessage(netError('ECONNREFUSED'))).toBe('connect ECONNREFUSED');
  });
});

describe('fatalError', () => {
  const ctx = {
    step: 'insert',
    role: 'writer',
    endpoint: 'db:3306',
    user: 'probe',
    database: 'aurora_probe',
  } as const;

  it('when authentication fails, then it is a probe_auth user error with a hint', () => {
    const error = fatalError(mysqlError(1045, 'ER_ACCESS_DENIED_ERROR', 'Access denied'), ctx);
    expect(error).toBeInstanceOf(UserError);
    expect(error?.code).toBe('probe_auth');
    expect(error?.message).toContain("user 'probe'");
    expect(error?.hint).toMatch(/password/);
  });

  it('when a privilege is missing, then the error names it and suggests --read-only', () => {
    const error = fatalError(
      mysqlError(
        1142,
        'ER_TABLEACCESS_DENIED_ERROR',
        "INSERT command denied to user 'probe'@'%' for table `aurora_probe`.`probe_writes`",
      ),
      ctx,
    );
    expect(error?.code).toBe('probe_privileges');
    expect(error?.message).toContain('lacks the INSERT privilege');
    expect(error?.hint).toContain('--read-only');
    expect(error?.hint).toContain('GRANT CREATE, INSERT, SELECT ON `aurora_probe`.*');
  });

  it('when the server does not name the privilege, then the step tells which one', () => {
    const error = fatalError(
      mysqlError(
        1044,
        'ER_DBACCESS_DENIED_ERROR',
        "Access denied for user 'probe'@'%' to database 'aurora_probe'",
      ),
      { ...ctx, step: 'setup' },
    );
    expect(error?.message).toContain('lacks the CREATE privilege');
  });

  it.each([
    netError('ECONNREFUSED'),
    mysqlError(1290, 'ER_OPTION_PREVENTS_STATEMENT', 'read-only'),
    Object.assign(new Error('t'), { code: TIMEOUT_CODE }),
  ])('when the error is an outage symptom (%s), then it is not fatal', (error) => {
    expect(fatalError(error, ctx)).toBeUndefined();
  });
});
