/**
 * The fuzz corpus: seeded, so a failing case can be replayed. Slash-command texts (random
 * unicode, control characters, huge strings, mrkdwn and mention injection, mutated valid
 * commands) and interaction payloads (malformed JSON, wrong types, forged button values, payload
 * types the bot has no listener for), all signed correctly by the caller.
 */
import { ACTION_IDS } from '../../src/slack/action-ids.js';
import { encodeGateValue } from '../../src/slack/gate-value.js';
import { blockActionsPayload, payloadBody } from '../lib/block-actions-body.js';
import { APPROVER, BYSTANDER, REQUESTER } from '../lib/slack-rig.js';
import { slashBody } from '../lib/slash-body.js';
import { INJECTIONS, mutate, pickOf, randomChar, SPACES, WORDS } from './fuzz-inputs.js';

export interface FuzzCase {
  id: number;
  /** What kind of input, for the report. */
  family: string;
  kind: 'command' | 'interaction';
  /** The form body to sign and send. */
  body: string;
  /** Commands: what was typed, by whom, under which command name. */
  text?: string;
  user?: string;
  command?: string;
}

export interface FuzzTarget {
  /** Configured cluster aliases. */
  clusters: readonly string[];
  /** A run waiting at a gate, whose prompt the forged clicks name. */
  gate: { runId: string; gateId: string; nonce: string; promptTs: string };
  responseUrl: string;
}

function commandText(family: string, r: () => number, t: FuzzTarget): string {
  const pick = pickOf(r);
  const cluster = pick(t.clusters);
  const valid = [
    `scaleup ${cluster} r6g.2xlarge`,
    `plan ${cluster} r7g.4xlarge strategy=failover`,
    `scaleup ${cluster} db.r6g.xlarge strategy=inplace`,
    'status',
    `status ${cluster}`,
    'list',
    'help',
    `audit ${t.gate.runId}`,
  ];
  switch (family) {
    case 'random unicode':
      return Array.from({ length: Math.floor(r() * 80) }, () => randomChar(r)).join('');
    case 'control characters':
      return Array.from({ length: 1 + Math.floor(r() * 20) }, () =>
        String.fromCharCode(Math.floor(r() * 32)),
      ).join(pick(['', ' ', 'scaleup']));
    case 'huge string':
      return pick([
        'x'.repeat(10_000 + Math.floor(r() * 90_000)),
        `scaleup ${cluster} ${'r6g.2xlarge'.repeat(5000)}`,
        `${'scaleup '.repeat(3000)}`,
        Array.from({ length: 5000 }, () => randomChar(r)).join(''),
        `plan ${'a'.repeat(101)} r6g.large`,
      ]);
    case 'injection':
      return pick([
        pick(INJECTIONS),
        `scaleup ${pick(INJECTIONS)} r6g.2xlarge`,
        `plan ${cluster} ${pick(INJECTIONS)}`,
        `status ${pick(INJECTIONS)}`,
        `${pick(INJECTIONS)} ${pick(INJECTIONS)}`,
        `cancel ${pick(INJECTIONS)}`,
        `audit ${pick(INJECTIONS)}`,
        `scaleup ${cluster} r6g.2xlarge strategy=${pick(INJECTIONS)}`,
      ]);
    case 'word salad':
      return Array.from({ length: Math.floor(r() * 6) }, () => pick([...WORDS, cluster])).join(
        pick(SPACES),
      );
    case 'mutated valid command':
      return mutate(pick(valid), r);
    default:
      return pick(valid);
  }
}

const COMMAND_FAMILIES = [
  'random unicode',
  'control characters',
  'huge string',
  'injection',
  'word salad',
  'mutated valid command',
  'valid command (control group)',
];

const PAYLOAD_FAMILIES = [
  'malformed JSON',
  'JSON of the wrong type',
  'click with fields missing or of the wrong type',
  'click with a forged or random value',
  'payload type with no listener',
  'form without payload',
];

function interaction(family: string, r: () => number, t: FuzzTarget): string {
  const pick = pickOf(r);
  const click = (over: Record<string, unknown> = {}, value: unknown = encodeGateValue(t.gate)) => ({
    ...blockActionsPayload({
      user: pick([APPROVER, BYSTANDER, REQUESTER, 'U0NOBODY']),
      actionId: pick([ACTION_IDS.approve, ACTION_IDS.reject]),
      value,
      messageTs: t.gate.promptTs,
    }),
    ...over,
  });
  switch (family) {
    case 'malformed JSON': {
      const good = JSON.stringify(click());
      return payloadBody(
        pick([
          good.slice(0, Math.floor(r() * good.length)),
          `${good}}`,
          good.replace(/"/g, "'"),
          Array.from({ length: 50 }, () => randomChar(r)).join(''),
          '',
          '{',
          'undefined',
          'NaN',
        ]),
      );
    }
    case 'JSON of the wrong type':
      return payloadBody(
        pick(['123', '"block_actions"', 'null', 'true', '[]', '[{"type":"block_actions"}]', '{}']),
      );
    case 'click with fields missing or of the wrong type': {
      const base = click();
      const field = pick([
        'user',
        'actions',
        'channel',
        'container',
        'message',
        'team',
        'type',
        'api_app_id',
      ]);
      const bad = pick([undefined, null, 42, 'x', [], {}, [null], { id: 7 }]);
      const payload: Record<string, unknown> = { ...base };
      if (bad === undefined) delete payload[field];
      else payload[field] = bad;
      if (r() < 0.3)
        payload.actions = pick([
          [],
          [{}],
          [{ type: 'button' }],
          'approve',
          [{ action_id: ACTION_IDS.approve, value: {} }],
        ]);
      return payloadBody(payload);
    }
    case 'click with a forged or random value':
      return payloadBody(
        click(
          {},
          pick<unknown>([
            encodeGateValue({ ...t.gate, nonce: `${Math.floor(r() * 1e9)}` }),
            encodeGateValue({ ...t.gate, runId: `r-${Math.floor(r() * 1e9)}-zz` }),
            JSON.stringify({ runId: t.gate.runId, gateId: t.gate.gateId }),
            JSON.stringify({ runId: 1, gateId: true, nonce: {} }),
            `${encodeGateValue(t.gate)}${'x'.repeat(3000)}`,
            Array.from({ length: 30 }, () => randomChar(r)).join(''),
            pick(INJECTIONS),
            42,
            null,
            { runId: t.gate.runId },
            ['a'],
          ]),
        ),
      );
    case 'payload type with no listener':
      return payloadBody({
        ...click(),
        type: pick([
          'view_submission',
          'view_closed',
          'shortcut',
          'message_action',
          'interactive_message',
          'block_suggestion',
          'dialog_submission',
          Array.from({ length: 8 }, () => randomChar(r)).join(''),
        ]),
      });
    default:
      return pick([
        '',
        'payload',
        'payload=',
        'a=1&b=2',
        'ssl_check=1&token=x',
        'type=url_verification&challenge=abc',
        '%%%',
        Array.from({ length: 40 }, () => randomChar(r)).join(''),
      ]);
  }
}

/** `count` cases: about 60 % slash commands, 40 % interaction payloads. */
export function fuzzCases(count: number, r: () => number, t: FuzzTarget): FuzzCase[] {
  const pick = pickOf(r);
  return Array.from({ length: count }, (_, id): FuzzCase => {
    if (r() < 0.6) {
      const family = pick(COMMAND_FAMILIES);
      const text = commandText(family, r, t);
      const user = r() < 0.8 ? REQUESTER : pick([APPROVER, BYSTANDER, 'U0NOBODY']);
      const command =
        r() < 0.95 ? '/aurora' : pick(['/aurora-staging', '/AURORA', '/other', '/aurora x', '']);
      return {
        id,
        family: `command: ${family}`,
        kind: 'command',
        text,
        user,
        command,
        body: slashBody({ user, text, responseUrl: t.responseUrl, command }),
      };
    }
    const family = pick(PAYLOAD_FAMILIES);
    return {
      id,
      family: `interaction: ${family}`,
      kind: 'interaction',
      body: interaction(family, r, t),
    };
  });
}
