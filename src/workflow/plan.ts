/**
 * Builds the plan of a run from what preflight observed. Pure: the same observation always
 * gives the same plan, which is what the dry run shows and what the run then follows.
 */

import { classRank } from '../aws/instance-classes.js';
import type { Strategy } from '../config.js';
import type { ClusterRef, Plan, PlanStep, RunOptions, StepName } from './types.js';

export interface Observation {
  cluster: ClusterRef;
  engineVersion: string;
  writer: { id: string; class: string; status: string; parameterGroupStatus: string };
  readers: { id: string; class: string; status: string }[];
  parameterGroup: { name: string; isDefault: boolean; binlogFormat: string | undefined };
  deletionProtection: boolean;
}

const MIN = 60_000;

interface StepInfo {
  title: string;
  expectedMs: number;
  disruptive?: boolean;
  gated?: boolean;
}

export const STEP_INFO: Record<StepName, StepInfo> = {
  preflight: { title: 'Preflight checks', expectedMs: 0.5 * MIN },
  'parameter-group': { title: 'Cluster parameter group with binlog', expectedMs: 5 * MIN },
  'reboot-writer': {
    title: 'Reboot the writer to apply binlog',
    expectedMs: 2 * MIN,
    disruptive: true,
    gated: true,
  },
  'create-green': { title: 'Create the green environment', expectedMs: 50 * MIN },
  'resize-green-readers': { title: 'Resize green readers', expectedMs: 10 * MIN },
  'failover-green': { title: 'Fail over inside green', expectedMs: 1 * MIN },
  'resize-green-writer': { title: 'Resize the former green writer', expectedMs: 10 * MIN },
  switchover: { title: 'Switch over to green', expectedMs: 2 * MIN, disruptive: true, gated: true },
  verify: { title: 'Verify production', expectedMs: 0.5 * MIN },
  'delete-deployment': { title: 'Delete the blue/green deployment', expectedMs: 1 * MIN },
  'cleanup-old': { title: 'Delete the old (-old1) cluster', expectedMs: 10 * MIN, gated: true },
  'add-reader': { title: 'Add a reader of the target class', expectedMs: 10 * MIN },
  failover: {
    title: 'Fail over to the new reader',
    expectedMs: 1 * MIN,
    disruptive: true,
    gated: true,
  },
  'finish-old-writer': { title: 'Resize or remove the old writer', expectedMs: 10 * MIN },
  'modify-writer': {
    title: 'Resize the writer in place',
    expectedMs: 10 * MIN,
    disruptive: true,
    gated: true,
  },
  'modify-readers': { title: 'Resize the readers in place', expectedMs: 10 * MIN },
  'cancel-cleanup': {
    title: 'Delete what the cancelled run created',
    expectedMs: 5 * MIN,
    gated: true,
  },
};

export const EXPECTED_OUTAGE: Record<Strategy, string> = {
  bluegreen:
    'about 30 s at switchover (plus a few seconds if the writer must be rebooted for binlog)',
  failover: 'about 10–15 s at failover',
  inplace: '5–10 minutes of writer outage (not recommended)',
};

/** The step names of a strategy, in order. */
export function stepsFor(
  strategy: Strategy,
  options: Pick<RunOptions, 'resizeReaders'>,
): StepName[] {
  switch (strategy) {
    case 'bluegreen':
      return [
        'preflight',
        'parameter-group',
        'reboot-writer',
        'create-green',
        'resize-green-readers',
        'failover-green',
        'resize-green-writer',
        'switchover',
        'verify',
        'delete-deployment',
        'cleanup-old',
      ];
    case 'failover':
      return ['preflight', 'add-reader', 'failover', 'finish-old-writer'];
    case 'inplace':
      return options.resizeReaders
        ? ['preflight', 'modify-writer', 'modify-readers']
        : ['preflight', 'modify-writer'];
  }
}

function detailFor(
  name: StepName,
  o: Observation,
  target: string,
  options: RunOptions,
): { detail: string; skip?: string } {
  const pg = o.parameterGroup;
  const binlogOn = pg.binlogFormat !== undefined && pg.binlogFormat !== 'OFF';
  switch (name) {
    case 'preflight':
      return { detail: 'Read the topology and check the target class is orderable (done).' };
    case 'parameter-group':
      if (!pg.isDefault && binlogOn)
        return { detail: '', skip: `${pg.name} already has binlog_format=${pg.binlogFormat}` };
      return pg.isDefault
        ? {
            detail: `Create a custom cluster parameter group with binlog_format=${options.binlogFormat} and attach it (no downtime).`,
          }
        : { detail: `Set binlog_format=${options.binlogFormat} on ${pg.name} (no downtime).` };
    case 'reboot-writer':
      if (binlogOn && !pg.isDefault && o.writer.parameterGroupStatus === 'in-sync') {
        return { detail: '', skip: 'the writer is already in sync with its parameter group' };
      }
      return {
        detail: `Reboot ${o.writer.id} so binlog takes effect (brief outage, approval needed).`,
      };
    case 'create-green':
      return {
        detail: 'Create a blue/green deployment (a green copy of the cluster); about 50 minutes.',
      };
    case 'resize-green-readers':
      return o.readers.length === 0
        ? { detail: '', skip: 'green has no readers' }
        : { detail: `Resize ${o.readers.length} green reader(s) to ${target}.` };
    case 'failover-green':
      return o.readers.length === 0
        ? { detail: '', skip: 'green has no readers; its writer is resized directly' }
        : { detail: 'Fail over inside green to a resized reader (production unaffected).' };
    case 'resize-green-writer':
      return { detail: `Resize the remaining green instance(s) to ${target}.` };
    case 'switchover':
      return { detail: 'Switch production to green (about 30 s outage, approval needed).' };
    case 'verify':
      return {
        detail: `Check every production instance runs ${target}${o.deletionProtection ? ' and re-assert deletion protection' : ''}.`,
      };
    case 'delete-deployment':
      return { detail: 'Delete the blue/green deployment (keeps both clusters).' };
    case 'cleanup-old':
      return {
        detail: `Delete ${o.cluster.clusterIdentifier}-old1 and its instances${options.finalSnapshot ? ' with a final snapshot' : ''} (approval needed).`,
      };
    case 'add-reader':
      return { detail: `Add a ${target} reader with promotion tier 0.` };
    case 'failover':
      return { detail: 'Fail over to the new reader (about 10–15 s outage, approval needed).' };
    case 'finish-old-writer':
      return {
        detail:
          options.oldWriter === 'remove'
            ? `Delete the old writer ${o.writer.id}.`
            : `Resize the old writer ${o.writer.id} (now a reader) to ${target}.`,
      };
    case 'modify-writer':
      return {
        detail: `Modify ${o.writer.id} to ${target} immediately (5–10 minutes of writer outage, approval needed).`,
      };
    case 'modify-readers':
      return { detail: `Modify ${o.readers.length} reader(s) to ${target}.` };
    case 'cancel-cleanup':
      return { detail: 'Delete what the run created.' };
  }
}

export function buildPlan(
  o: Observation,
  strategy: Strategy,
  targetClass: string,
  options: RunOptions,
): Plan {
  const warnings: string[] = [];
  if (o.writer.class === targetClass) warnings.push(`the writer already runs ${targetClass}`);
  else if (classRank(targetClass) <= classRank(o.writer.class)) {
    warnings.push(`${targetClass} is not larger than the current ${o.writer.class}`);
  }
  if (strategy === 'inplace')
    warnings.push('in-place resizing takes the writer down for 5–10 minutes; prefer bluegreen');
  if (strategy === 'failover' && o.readers.length === 0) {
    warnings.push(
      'the cluster has no reader today; failover adds one, so clients see a single failover',
    );
  }
  if (
    strategy === 'bluegreen' &&
    !o.parameterGroup.isDefault &&
    o.parameterGroup.binlogFormat === 'OFF'
  ) {
    warnings.push(
      `binlog_format will be changed on ${o.parameterGroup.name}, which other clusters may share`,
    );
  }
  const steps: PlanStep[] = stepsFor(strategy, options).map((name) => {
    const info = STEP_INFO[name];
    const { detail, skip } = detailFor(name, o, targetClass, options);
    return {
      name,
      title: info.title,
      detail,
      disruptive: info.disruptive ?? false,
      gated: info.gated ?? false,
      expectedMs: info.expectedMs,
      ...(skip ? { skip } : {}),
    };
  });
  return {
    cluster: o.cluster,
    engineVersion: o.engineVersion,
    currentClass: o.writer.class,
    targetClass,
    strategy,
    topology: [
      { id: o.writer.id, role: 'writer', class: o.writer.class, status: o.writer.status },
      ...o.readers.map((r) => ({
        id: r.id,
        role: 'reader' as const,
        class: r.class,
        status: r.status,
      })),
    ],
    steps,
    warnings,
    expectedOutage: EXPECTED_OUTAGE[strategy],
  };
}
