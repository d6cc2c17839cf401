/** BlueGreenDeployment; its lists use `<member>` items (reference §8.2). */
import { clusterById, instanceById } from '../model/lookups.js';
import type { SimDeployment, SimState, SimSwitchoverMember } from '../model/sim-state.js';
import { tagListXml } from './render-tags.js';
import { leaves, list } from './xml.js';

function exists(state: SimState, kind: SimSwitchoverMember['kind'], id: string): boolean {
  return kind === 'cluster'
    ? clusterById(state, id) !== undefined
    : instanceById(state, id) !== undefined;
}

/** A member's status, showing MISSING_SOURCE/MISSING_TARGET once a side was deleted. */
export function memberStatus(state: SimState, d: SimDeployment, m: SimSwitchoverMember): string {
  if (d.status === 'SWITCHOVER_COMPLETED' || d.status === 'DELETING') return m.status;
  if (!exists(state, m.kind, m.sourceId)) return 'MISSING_SOURCE';
  if (m.targetId !== undefined && !exists(state, m.kind, m.targetId)) return 'MISSING_TARGET';
  return m.status;
}

export function deploymentXml(state: SimState, d: SimDeployment): string {
  const cluster = d.members.find((m) => m.kind === 'cluster');
  return [
    leaves({
      BlueGreenDeploymentIdentifier: d.identifier,
      BlueGreenDeploymentName: d.name,
      Source: cluster?.sourceArn,
      Target: cluster?.targetArn,
    }),
    list('SwitchoverDetails', 'member', d.members, (m) =>
      leaves({
        SourceMember: m.sourceArn,
        TargetMember: m.targetArn,
        Status: memberStatus(state, d, m),
      }),
    ),
    list('Tasks', 'member', d.tasks, (t) => leaves({ Name: t.name, Status: t.status })),
    leaves({
      Status: d.status,
      StatusDetails: d.statusDetails,
      CreateTime: d.createTime,
      DeleteTime: d.deleteTime,
    }),
    tagListXml(d.tags),
  ].join('');
}

export function deploymentResultXml(state: SimState, d: SimDeployment): string {
  return `<BlueGreenDeployment>${deploymentXml(state, d)}</BlueGreenDeployment>`;
}
