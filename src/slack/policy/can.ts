/**
 * Who may do what on a cluster, decided without I/O from the cluster's configuration and the
 * memberships of the user groups it names (resolved elsewhere). Table-tested.
 *
 * - `requesters` empty means anyone may request.
 * - `approvers` empty (allowed only outside production) means whoever may request may approve.
 * - With the two-person rule, the run's requester may not decide its gates.
 */
import type { ClusterConfig } from '../../config.js';
import type { Actor, PolicyVerdict } from '../../workflow/types.js';

/** Members of each user group (`S…`) that could be resolved; a missing group is unknown. */
export type GroupMembers = ReadonlyMap<string, ReadonlySet<string>>;

export type PolicyCluster = Pick<
  ClusterConfig,
  'alias' | 'environment' | 'requesters' | 'approvers' | 'twoPersonRule'
>;

/** Whether `userId` is one of `principals` (directly or through a group); `unknown` if a group was not resolved. */
export function isListed(
  principals: readonly string[],
  userId: string,
  groups: GroupMembers,
): boolean | 'unknown' {
  if (principals.includes(userId)) return true;
  let unknown = false;
  for (const p of principals) {
    if (!p.startsWith('S')) continue;
    const members = groups.get(p);
    if (members === undefined) unknown = true;
    else if (members.has(userId)) return true;
  }
  return unknown ? 'unknown' : false;
}

/** The groups among `principals` that a check would need. */
export function groupsIn(principals: readonly string[]): string[] {
  return principals.filter((p) => p.startsWith('S'));
}

const ALLOWED: PolicyVerdict = { allowed: true };

function unresolved(alias: string): PolicyVerdict {
  return {
    allowed: false,
    code: 'groups_unresolved',
    reason: `could not check user-group membership for ${alias} right now; try again in a minute`,
  };
}

export function canRequest(
  cluster: PolicyCluster,
  userId: string,
  groups: GroupMembers,
): PolicyVerdict {
  if (cluster.requesters.length === 0) return ALLOWED;
  const listed = isListed(cluster.requesters, userId, groups);
  if (listed === true) return ALLOWED;
  if (listed === 'unknown') return unresolved(cluster.alias);
  return {
    allowed: false,
    code: 'not_requester',
    reason: `you are not allowed to start runs on ${cluster.alias}; ask someone in its requesters list`,
  };
}

/** The principals whose members may decide gates: approvers, or requesters when none are set. */
export function approverPrincipals(cluster: PolicyCluster): readonly string[] {
  return cluster.approvers.length > 0 ? cluster.approvers : cluster.requesters;
}

export function canApprove(
  cluster: PolicyCluster,
  run: { requester: Actor },
  actor: Actor,
  groups: GroupMembers,
): PolicyVerdict {
  if (actor.via !== 'slack') {
    return {
      allowed: false,
      code: 'not_allowed',
      reason: 'only Slack users can decide through Slack',
    };
  }
  if (cluster.twoPersonRule && actor.id === run.requester.id) {
    return {
      allowed: false,
      code: 'two_person_rule',
      reason: `two-person rule on ${cluster.alias}: the requester cannot approve their own run; ask another approver`,
    };
  }
  const principals = approverPrincipals(cluster);
  if (principals.length === 0) return ALLOWED;
  const listed = isListed(principals, actor.id, groups);
  if (listed === true) return ALLOWED;
  if (listed === 'unknown') return unresolved(cluster.alias);
  return {
    allowed: false,
    code: 'not_approver',
    reason: `you are not an approver of ${cluster.alias}`,
  };
}

/** The requester may cancel their own run; otherwise whoever may approve on the cluster. */
export function canCancel(
  cluster: PolicyCluster,
  run: { requester: Actor },
  actor: Actor,
  groups: GroupMembers,
): PolicyVerdict {
  if (actor.id === run.requester.id) return ALLOWED;
  const principals = approverPrincipals(cluster);
  if (principals.length === 0) return ALLOWED;
  const listed = isListed(principals, actor.id, groups);
  if (listed === true) return ALLOWED;
  if (listed === 'unknown') return unresolved(cluster.alias);
  return {
    allowed: false,
    code: 'not_allowed',
    reason: `only the requester or an approver of ${cluster.alias} can cancel this run`,
  };
}
