/**
 * The forged and replayed requests of the chaos suite: ways to get the Slack headers wrong
 * (each must be answered 401 and change nothing), and forged values on genuinely signed button
 * clicks (each must be refused to the clicker and change nothing).
 */
import { randomBytes } from 'node:crypto';
import { signSlackRequest } from '../../src/sim/slack/index.js';
import { encodeGateValue } from '../../src/slack/gate-value.js';
import type { RunAtGate } from '../lib/run-at-gate.js';
import { APPROVER, BYSTANDER, REQUESTER } from '../lib/slack-rig.js';

const now = () => Math.floor(Date.now() / 1000);
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Headers for `body`, forged in one way; `other` is another body the forger had a signature for. */
export interface HeaderForgery {
  name: string;
  headers(secret: string, body: string, other: string): Record<string, string>;
  /** Changes the body that is sent (after the headers were made). */
  body?(body: string): string;
  /**
   * The answer Bolt must give: 401, or 200 for an SSL check (Slack's unsigned `ssl_check=1`
   * probe), which must then be answered without processing anything else in the body.
   */
  expect: 401 | 'ssl-check';
}

export const HEADER_FORGERIES: readonly HeaderForgery[] = [
  {
    name: 'bad signature (random)',
    expect: 401,
    headers: () => ({
      'x-slack-request-timestamp': String(now()),
      'x-slack-signature': `v0=${hex(32)}`,
    }),
  },
  {
    name: 'body changed after signing',
    expect: 401,
    headers: (secret, _body, other) => {
      const ts = now();
      return {
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': signSlackRequest(secret, ts, other),
      };
    },
  },
  {
    name: 'stale timestamp (5 min 1 s), correctly signed',
    expect: 401,
    headers: (secret, body) => {
      const ts = now() - 301;
      return {
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': signSlackRequest(secret, ts, body),
      };
    },
  },
  {
    name: 'stale timestamp (1 day), correctly signed',
    expect: 401,
    headers: (secret, body) => {
      const ts = now() - 86_400;
      return {
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': signSlackRequest(secret, ts, body),
      };
    },
  },
  {
    name: 'replayed body: fresh timestamp, its old signature (10 min ago)',
    expect: 401,
    headers: (secret, body) => ({
      'x-slack-request-timestamp': String(now()),
      'x-slack-signature': signSlackRequest(secret, now() - 600, body),
    }),
  },
  {
    name: 'signed with the wrong secret',
    expect: 401,
    headers: (_secret, body) => {
      const ts = now();
      return {
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': signSlackRequest(`x${hex(8)}`, ts, body),
      };
    },
  },
  {
    name: 'signature header missing',
    expect: 401,
    headers: () => ({ 'x-slack-request-timestamp': String(now()) }),
  },
  {
    name: 'timestamp header missing',
    expect: 401,
    headers: (secret, body) => ({ 'x-slack-signature': signSlackRequest(secret, now(), body) }),
  },
  { name: 'no Slack headers', expect: 401, headers: () => ({}) },
  {
    // why: bolt-js#2897, an unsigned `ssl_check=1` body once carried a processed payload.
    name: 'unsigned, `ssl_check=1` smuggled in front of the body',
    expect: 'ssl-check',
    headers: () => ({}),
    body: (body) => `ssl_check=1&${body}`,
  },
  {
    name: 'bad signature, `ssl_check=1` smuggled at the end of the body',
    expect: 'ssl-check',
    headers: () => ({
      'x-slack-request-timestamp': String(now()),
      'x-slack-signature': `v0=${hex(32)}`,
    }),
    body: (body) => `${body}&ssl_check=1`,
  },
  {
    name: 'signature with another version (v1=)',
    expect: 401,
    headers: (secret, body) => {
      const ts = now();
      return {
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': signSlackRequest(secret, ts, body).replace(/^v0=/, 'v1='),
      };
    },
  },
  {
    name: 'timestamp not a number',
    expect: 401,
    headers: (secret, body) => ({
      'x-slack-request-timestamp': 'soon',
      'x-slack-signature': signSlackRequest(secret, now(), body),
    }),
  },
];

/** A click signed by the stand-in (a real user's click) whose button value or clicker is forged. */
export interface ClickForgery {
  name: string;
  user: string;
  /** The value sent instead of the button's own. */
  value(a: RunAtGate, b: RunAtGate): string | undefined;
}

export const CLICK_FORGERIES: readonly ClickForgery[] = [
  {
    name: 'wrong nonce',
    user: APPROVER,
    value: (a) => encodeGateValue({ runId: a.runId, gateId: a.gate.id, nonce: hex(8) }),
  },
  {
    name: "another run's gate and nonce",
    user: APPROVER,
    value: (a, b) => encodeGateValue({ runId: a.runId, gateId: b.gate.id, nonce: b.gate.nonce }),
  },
  {
    name: "this gate's nonce on another run",
    user: APPROVER,
    value: (a, b) => encodeGateValue({ runId: b.runId, gateId: a.gate.id, nonce: a.gate.nonce }),
  },
  {
    name: 'unknown run',
    user: APPROVER,
    value: (a) =>
      encodeGateValue({ runId: `r-forged-${hex(2)}`, gateId: a.gate.id, nonce: a.gate.nonce }),
  },
  { name: 'value not JSON', user: APPROVER, value: () => 'approve please' },
  {
    name: 'value with wrong types',
    user: APPROVER,
    value: () => JSON.stringify({ runId: 1, gateId: ['x'], nonce: null }),
  },
  { name: 'oversized value (3,000 characters)', user: APPROVER, value: () => 'x'.repeat(3000) },
  { name: 'genuine value, clicked by a non-approver', user: BYSTANDER, value: () => undefined },
  {
    name: 'genuine value, clicked by the requester (two-person rule)',
    user: REQUESTER,
    value: () => undefined,
  },
];
