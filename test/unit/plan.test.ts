import { describe, expect, it } from 'vitest';
import { buildPlan, type Observation, stepsFor } from '../../src/workflow/plan.js';
import type { RunOptions } from '../../src/workflow/types.js';

const options: RunOptions = {
  oldWriter: 'resize',
  resizeReaders: false,
  binlogFormat: 'ROW',
  switchoverTimeoutS: 300,
  finalSnapshot: true,
  dryRun: false,
};

function observation(overrides: Partial<Observation> = {}): Observation {
  return {
    cluster: {
      alias: 'prod-db',
      clusterIdentifier: 'prod-db',
      region: 'ap-northeast-2',
      environment: 'production',
    },
    engineVersion: '8.0.mysql_aurora.3.05.2',
    writer: {
      id: 'prod-db-instance-1',
      class: 'db.r6g.large',
      status: 'available',
      parameterGroupStatus: 'in-sync',
    },
    readers: [{ id: 'prod-db-instance-2', class: 'db.r6g.large', status: 'available' }],
    parameterGroup: { name: 'default.aurora-mysql8.0', isDefault: true, binlogFormat: 'OFF' },
    deletionProtection: true,
    ...overrides,
  };
}

describe('buildPlan', () => {
  it('when prod-db is on the default group, then bluegreen creates a group and reboots the writer', () => {
    const plan = buildPlan(observation(), 'bluegreen', 'db.r6g.2xlarge', options);
    expect(plan.steps.map((s) => s.name)).toEqual(stepsFor('bluegreen', options));
    const byName = Object.fromEntries(plan.steps.map((s) => [s.name, s]));
    expect(byName['parameter-group']?.skip).toBeUndefined();
    expect(byName['reboot-writer']).toMatchObject({ gated: true, disruptive: true });
    expect(byName.switchover).toMatchObject({ gated: true, disruptive: true });
    expect(byName['cleanup-old']).toMatchObject({ gated: true, disruptive: false });
    expect(plan.currentClass).toBe('db.r6g.large');
    expect(plan.warnings).toEqual([]);
  });

  it('when binlog is already on and in sync, then the group and reboot steps are skipped', () => {
    const plan = buildPlan(
      observation({ parameterGroup: { name: 'custom', isDefault: false, binlogFormat: 'ROW' } }),
      'bluegreen',
      'db.r6g.2xlarge',
      options,
    );
    const byName = Object.fromEntries(plan.steps.map((s) => [s.name, s]));
    expect(byName['parameter-group']?.skip).toContain('binlog_format=ROW');
    expect(byName['reboot-writer']?.skip).toContain('in sync');
  });

  it('when the target is not larger, then the plan warns', () => {
    const plan = buildPlan(observation(), 'failover', 'db.r6g.medium', options);
    expect(plan.warnings).toEqual([expect.stringContaining('not larger')]);
    expect(plan.steps.map((s) => s.name)).toEqual([
      'preflight',
      'add-reader',
      'failover',
      'finish-old-writer',
    ]);
  });

  it('when inplace is chosen, then it warns and gates the writer modification', () => {
    const plan = buildPlan(observation(), 'inplace', 'db.r6g.2xlarge', {
      ...options,
      resizeReaders: true,
    });
    expect(plan.warnings.join()).toContain('5–10 minutes');
    expect(plan.steps.map((s) => s.name)).toEqual(['preflight', 'modify-writer', 'modify-readers']);
    expect(plan.expectedOutage).toContain('5–10 minutes');
  });

  it('when green will have no readers, then the green failover is skipped', () => {
    const plan = buildPlan(observation({ readers: [] }), 'bluegreen', 'db.r6g.2xlarge', options);
    expect(plan.steps.find((s) => s.name === 'failover-green')?.skip).toContain('no readers');
  });
});
