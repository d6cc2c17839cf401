/**
 * Events the emulator records, with the RDS-EVENT ids the Aurora user guide documents
 * (USER_Events.Messages.md). Events AWS gives no id for in our reference carry none.
 */
export interface EventTemplate {
  id: string | undefined;
  categories: string[];
}

export const EVENTS = {
  instanceCreated: { id: 'RDS-EVENT-0005', categories: ['creation'] },
  instanceDeleted: { id: 'RDS-EVENT-0003', categories: ['deletion'] },
  instanceRestarted: { id: 'RDS-EVENT-0006', categories: ['availability'] },
  classChangeStarted: { id: 'RDS-EVENT-0012', categories: ['notification'] },
  classChangeFinished: { id: 'RDS-EVENT-0014', categories: ['notification'] },
  failoverCompleted: { id: 'RDS-EVENT-0071', categories: ['failover'] },
  failoverSameAz: { id: 'RDS-EVENT-0072', categories: ['failover'] },
  failoverCrossAz: { id: 'RDS-EVENT-0073', categories: ['failover'] },
  clusterDeleted: { id: undefined, categories: ['deletion'] },
  clusterModified: { id: undefined, categories: ['configuration change'] },
  snapshotCreated: { id: undefined, categories: ['backup'] },
  parameterGroupModified: { id: undefined, categories: ['configuration change'] },
  blueGreenCreateStarted: { id: undefined, categories: ['creation'] },
  blueGreenTasksCompleted: { id: 'RDS-EVENT-0244', categories: ['notification'] },
  blueGreenCreateFailed: { id: undefined, categories: ['failure'] },
  blueGreenDeleted: { id: 'RDS-EVENT-0246', categories: ['deletion'] },
  switchoverStarted: { id: 'RDS-EVENT-0247', categories: ['notification'] },
  switchoverCompleted: { id: 'RDS-EVENT-0248', categories: ['notification'] },
  switchoverCanceled: { id: 'RDS-EVENT-0249', categories: ['notification'] },
  memberSwitchoverStarted: { id: 'RDS-EVENT-0250', categories: ['notification'] },
  memberSwitchoverCompleted: { id: 'RDS-EVENT-0251', categories: ['notification'] },
  memberSwitchoverCanceled: { id: 'RDS-EVENT-0252', categories: ['notification'] },
} as const satisfies Record<string, EventTemplate>;

export type EventName = keyof typeof EVENTS;
