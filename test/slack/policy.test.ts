import { describe, expect, it } from 'vitest';
import {
  canApprove,
  canCancel,
  canRequest,
  type GroupMembers,
} from '../../src/slack/policy/can.js';
import { createGroupResolver } from '../../src/slack/policy/group-resolver.js';
import { createPolicyService, createSlackPolicy } from '../../src/slack/policy/slack-policy.js';
import type { Actor } from '../../src/workflow/types.js';
import { aClusterConfig, aGate, aRun } from './helpers/fixtures.js';

const groups: GroupMembers = new Map([
  ['S0DBTEAM', new Set(['U0DAVE'])],
  ['S0DBLEADS', new Set(['U0ERIN', 'U0ALICE'])],
]);
const slack = (id: string): Actor => ({ id, via: 'slack' });
const prod = aClusterConfig();
const staging = aClusterConfig({
  alias: 'staging-db',
  environment: 'staging',
  requesters: [],
  approvers: [],
  twoPersonRule: false,
});
const stagingApprovers = aClusterConfig({
  alias: 'staging-db',
  environment: 'staging',
  requesters: ['U0ALICE'],
  approvers: [],
  twoPersonRule: false,
});

describe('canRequest', () => {
  const table: [string, ReturnType<typeof aClusterConfig>, string, GroupMembers, string | true][] =
    [
      ['listed user', prod, 'U0ALICE', groups, true],
      ['member of a listed group', prod, 'U0DAVE', groups, true],
      ['someone else', prod, 'U0CAROL', groups, 'not_requester'],
      ['someone else, group unknown', prod, 'U0CAROL', new Map(), 'groups_unresolved'],
      ['anyone when requesters is empty', staging, 'U0CAROL', new Map(), true],
    ];
  it.each(table)('when %s, then the verdict is %s', (_name, cluster, user, g, expected) => {
    const v = canRequest(cluster, user, g);
    expect(v.allowed ? true : v.code).toBe(expected === true ? true : expected);
  });
});

describe('canApprove', () => {
  const run = { requester: slack('U0ALICE') };
  const table: [string, ReturnType<typeof aClusterConfig>, Actor, GroupMembers, string | true][] = [
    ['a listed approver', prod, slack('U0BOB'), groups, true],
    ['a member of an approver group', prod, slack('U0ERIN'), groups, true],
    [
      'the requester under the two-person rule, even as a group member',
      prod,
      slack('U0ALICE'),
      groups,
      'two_person_rule',
    ],
    [
      'the requester when the rule is off and they are an approver',
      aClusterConfig({ twoPersonRule: false }),
      slack('U0ALICE'),
      groups,
      true,
    ],
    ['a requester who is not an approver', prod, slack('U0DAVE'), groups, 'not_approver'],
    ['someone else', prod, slack('U0CAROL'), groups, 'not_approver'],
    [
      'someone else while a group is unknown',
      prod,
      slack('U0CAROL'),
      new Map(),
      'groups_unresolved',
    ],
    ['a CLI operator', prod, { id: 'cli:bob', via: 'cli' }, groups, 'not_allowed'],
    [
      'anyone on a cluster without approvers or requesters',
      staging,
      slack('U0CAROL'),
      new Map(),
      true,
    ],
    [
      'a requester on a cluster without approvers',
      stagingApprovers,
      slack('U0ALICE'),
      new Map(),
      true,
    ],
    [
      'a non-requester on a cluster without approvers',
      stagingApprovers,
      slack('U0CAROL'),
      new Map(),
      'not_approver',
    ],
  ];
  it.each(table)('when %s clicks, then the verdict is %s', (_name, cluster, actor, g, expected) => {
    const v = canApprove(cluster, run, actor, g);
    expect(v.allowed ? true : v.code).toBe(expected);
    if (!v.allowed) expect(v.reason.length).toBeGreaterThan(10);
  });
});

describe('canCancel', () => {
  const run = { requester: slack('U0DAVE') };
  it.each([
    ['the requester', 'U0DAVE', true],
    ['an approver', 'U0BOB', true],
    ['someone else', 'U0CAROL', 'not_allowed'],
  ] as const)('when %s cancels, then the verdict is %s', (_name, user, expected) => {
    const v = canCancel(prod, run, slack(user), groups);
    expect(v.allowed ? true : v.code).toBe(expected);
  });
});

describe('group resolver', () => {
  it('when a group is asked twice within the TTL, then Slack is asked once; after it, again', async () => {
    let clock = 1_000;
    const asked: string[] = [];
    const resolver = createGroupResolver({
      list: async (g) => {
        asked.push(g);
        return { users: ['U0ERIN'] };
      },
      ttlMs: 60_000,
      now: () => clock,
    });
    expect((await resolver.resolve(['S0DBLEADS'])).get('S0DBLEADS')?.has('U0ERIN')).toBe(true);
    await resolver.resolve(['S0DBLEADS', 'S0DBLEADS']);
    expect(asked).toEqual(['S0DBLEADS']);
    clock = 61_001;
    await resolver.resolve(['S0DBLEADS']);
    expect(asked).toEqual(['S0DBLEADS', 'S0DBLEADS']);
  });

  it('when Slack fails or is too slow, then the group is left unresolved and the failure is not cached', async () => {
    let calls = 0;
    const resolver = createGroupResolver({
      list: async (g) => {
        calls += 1;
        if (g === 'S0SLOW') return new Promise(() => {});
        if (calls === 1) throw new Error('ratelimited');
        return { users: ['U0X'] };
      },
      ttlMs: 60_000,
      timeoutMs: 50,
    });
    expect((await resolver.resolve(['S0A'])).has('S0A')).toBe(false);
    expect((await resolver.resolve(['S0A'])).get('S0A')?.has('U0X')).toBe(true);
    expect((await resolver.resolve(['S0SLOW'])).has('S0SLOW')).toBe(false);
  });

  it('when a list never comes back, then it is given up and the next check asks Slack again', async () => {
    let calls = 0;
    const resolver = createGroupResolver({
      list: async () => {
        calls += 1;
        if (calls === 1) return new Promise(() => {});
        return { users: ['U0X'] };
      },
      ttlMs: 60_000,
      timeoutMs: 20,
      listTimeoutMs: 60,
    });
    expect((await resolver.resolve(['S0A'])).has('S0A')).toBe(false);
    // Within the list's own timeout the hung list is still the shared answer.
    expect((await resolver.resolve(['S0A'])).has('S0A')).toBe(false);
    expect(calls).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await resolver.resolve(['S0A'])).get('S0A')?.has('U0X')).toBe(true);
    expect(calls).toBe(2);
  });
});

describe('Slack policy', () => {
  const clusters = { 'prod-db': prod };
  function service() {
    const asked: string[] = [];
    const resolver = createGroupResolver({
      list: async (g) => {
        asked.push(g);
        return { users: [...(groups.get(g) ?? [])] };
      },
      ttlMs: 60_000,
    });
    return { asked, policy: createPolicyService({ clusters, resolver }) };
  }

  it('when a directly listed approver decides, then no user group is looked up', async () => {
    const { asked, policy } = service();
    expect(await policy.decide(aRun(), aGate(), slack('U0BOB'))).toEqual({ allowed: true });
    expect(asked).toEqual([]);
  });

  it('when a group member decides, then the groups are resolved and the member is allowed', async () => {
    const { asked, policy } = service();
    expect(await policy.decide(aRun(), aGate(), slack('U0ERIN'))).toEqual({ allowed: true });
    expect(asked).toEqual(['S0DBLEADS']);
  });

  it('when the requester decides their own production run, then the two-person rule refuses without I/O', async () => {
    const { asked, policy } = service();
    const verdict = await createSlackPolicy({
      clusters,
      resolver: {
        resolve: async () => {
          asked.push('x');
          return new Map();
        },
      },
    })(aRun(), aGate(), slack('U0ALICE'));
    expect(verdict).toMatchObject({ allowed: false, code: 'two_person_rule' });
    expect(asked).toEqual([]);
    expect(await policy.request('prod-db', 'U0DAVE')).toEqual({ allowed: true });
    expect(await policy.request('nope', 'U0DAVE')).toMatchObject({
      allowed: false,
      code: 'unknown_cluster',
    });
  });
});
