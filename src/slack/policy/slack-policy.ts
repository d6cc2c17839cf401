/**
 * The Slack front's policy: the pure rules of `can.ts` fed with user-group memberships from the
 * resolver, fetched only when the user is not listed directly.
 */
import type { ClusterConfig } from '../../config.js';
import type { Actor, DecisionPolicy, PolicyVerdict, Run } from '../../workflow/types.js';
import {
  approverPrincipals,
  canApprove,
  canCancel,
  canRequest,
  type GroupMembers,
  groupsIn,
} from './can.js';
import type { GroupResolver } from './group-resolver.js';

export interface SlackPolicy {
  /** May `userId` start a run on the cluster with this alias? */
  request(alias: string, userId: string): Promise<PolicyVerdict>;
  /** May `actor` cancel `run`? */
  cancel(run: Run, actor: Actor): Promise<PolicyVerdict>;
  /** Passed to `engine.decide`: may `actor` decide the run's gate? */
  decide: DecisionPolicy;
}

const NO_GROUPS: GroupMembers = new Map();

export function createPolicyService(options: {
  clusters: Readonly<Record<string, ClusterConfig>>;
  resolver: GroupResolver;
}): SlackPolicy {
  const { clusters, resolver } = options;
  const unknownCluster = (alias: string): PolicyVerdict => ({
    allowed: false,
    code: 'unknown_cluster',
    reason: `${alias} is not a cluster this bot is configured for`,
  });

  /** Runs `check` without groups first; resolves groups only when that is not enough. */
  async function withGroups(
    principals: readonly string[],
    check: (g: GroupMembers) => PolicyVerdict,
  ): Promise<PolicyVerdict> {
    const direct = check(NO_GROUPS);
    if (direct.allowed || direct.code !== 'groups_unresolved') return direct;
    return check(await resolver.resolve(groupsIn(principals)));
  }

  return {
    async request(alias, userId) {
      const cluster = clusters[alias];
      if (!cluster) return unknownCluster(alias);
      return withGroups(cluster.requesters, (g) => canRequest(cluster, userId, g));
    },
    async cancel(run, actor) {
      const cluster = clusters[run.cluster.alias];
      if (!cluster) return unknownCluster(run.cluster.alias);
      return withGroups(approverPrincipals(cluster), (g) => canCancel(cluster, run, actor, g));
    },
    async decide(run, _gate, actor) {
      const cluster = clusters[run.cluster.alias];
      if (!cluster) return unknownCluster(run.cluster.alias);
      return withGroups(approverPrincipals(cluster), (g) => canApprove(cluster, run, actor, g));
    },
  };
}

/** The {@link DecisionPolicy} the Slack front passes to `engine.decide`. */
export function createSlackPolicy(
  options: Parameters<typeof createPolicyService>[0],
): DecisionPolicy {
  return createPolicyService(options).decide;
}
