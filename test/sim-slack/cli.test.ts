import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/sim/slack/index.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';

describe('aurora-bot sim slack', () => {
  it('when started, then it prints its URL once ready, serves the page and the Web API, and exits 0 on SIGTERM', async () => {
    const { SLACK_SIGNING_SECRET: _s, SLACK_BOT_TOKEN: _t, ...inherited } = process.env;
    const env = { ...inherited, SIM_SECRET: 's3cret', LOG_LEVEL: 'warn' };
    const child = spawn(
      process.execPath,
      [
        BIN,
        'sim',
        'slack',
        '--port',
        '0',
        '--signing-secret-env',
        'SIM_SECRET',
        '--bot-url',
        'http://127.0.0.1:9',
      ],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    const match = /^Slack stand-in at (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(first);
    expect(match).not.toBeNull();
    const url = match?.[1] ?? '';
    const html = await (await fetch(url)).text();
    expect(html).toContain('Local simulation of Slack: this is not Slack.');
    expect(html).toContain('sends to http://127.0.0.1:9');
    const auth = await fetch(`${url}api/auth.test`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-sim-token' },
    });
    expect(await auth.json()).toMatchObject({ ok: true, user_id: 'U0AURORA' });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('when the named secret variable is unset, then it exits 2 naming the variable', async () => {
    const result = await runCli([
      'sim',
      'slack',
      '--port',
      '0',
      '--signing-secret-env',
      'NO_SUCH_VAR_4600',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('NO_SUCH_VAR_4600 is not set.');
  });

  it('when signing, then the signature is v0= HMAC-SHA256 over v0:timestamp:body', () => {
    // Slack's documented example (https://api.slack.com/authentication/verifying-requests-from-slack).
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });
});
