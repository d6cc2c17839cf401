import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeDBClustersCommand } from '@aws-sdk/client-rds';
import { describe, expect, it } from 'vitest';
import { ConfigError, UnavailableError, UserError } from '../../src/errors.js';
import { loadWorld, parseWorldText, startRdsEmulator } from '../../src/sim/rds/index.js';
import { rejectionOf, startTestEmulator } from './helpers.js';

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('world files', () => {
  it('when no world is given, then the shipped default world is the one in the issue with realistic defaults', () => {
    const world = loadWorld(undefined);
    expect(world.region).toBe('ap-northeast-2');
    expect(world.account).toBe('123456789012');
    expect(world.clusters.map((c) => [c.identifier, c.engineVersion, c.parameterGroup])).toEqual([
      ['prod-db', '8.0.mysql_aurora.3.05.2', 'default.aurora-mysql8.0'],
      ['staging-db', '8.0.mysql_aurora.3.05.2', 'staging-binlog'],
    ]);
    expect(world.clusters[0]?.instances).toEqual([
      expect.objectContaining({
        identifier: 'prod-db-instance-1',
        class: 'db.r6g.large',
        role: 'writer',
      }),
      expect.objectContaining({
        identifier: 'prod-db-instance-2',
        class: 'db.r6g.large',
        role: 'reader',
      }),
    ]);
    expect(world.parameterGroups[0]?.parameters).toEqual({ binlog_format: 'ROW' });
    expect(world.durations.createBlueGreen).toBe(50 * 60_000);
    expect(world.outages.failover).toEqual({ mode: 'refuse', min: 10_000, max: 15_000 });
    expect(world.outages.switchover).toEqual({ mode: 'refuse', min: 20_000, max: 30_000 });
  });

  it('when a world file has problems, then every one is listed with its path', () => {
    const problems = problemsOf(() =>
      parseWorldText(
        [
          'region: mars',
          'durations: { createInstance: soon }',
          'outages: { switchover: { mode: loud, min: 30s, max: 20s } }',
          'clusters:',
          '  - identifier: Bad_Name',
          '    colour: blue',
          '    instances:',
          '      - { identifier: a-1, class: db.r6g.large, role: reader }',
        ].join('\n'),
        'bad.yaml',
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^region: /),
        expect.stringMatching(/^durations\.createInstance: not a duration/),
        expect.stringMatching(/^outages\.switchover\.mode: /),
        expect.stringMatching(/^clusters\.0\.identifier: /),
        'clusters.0: unknown key "colour"',
      ]),
    );
  });

  it('when cross-key rules are broken, then each is reported with its path, after any schema problems', () => {
    const problems = problemsOf(() =>
      loadWorld({
        outages: { reboot: { min: '5s', max: '1s' } },
        parameterGroups: [{ name: 'pg', parameters: { binlog_format: 'SOMETIMES', colour: 'x' } }],
        clusters: [
          {
            identifier: 'a',
            parameterGroup: 'missing',
            instances: [
              { identifier: 'a-1', class: 'db.r6g.large', role: 'reader' },
              { identifier: 'a-1', class: 'db.r6g.9xlarge', role: 'reader' },
            ],
          },
        ],
      }),
    );
    expect(problems).toEqual(['outages.reboot.max: min must not exceed max']);
    const cross = problemsOf(() =>
      loadWorld({
        parameterGroups: [{ name: 'pg', parameters: { binlog_format: 'SOMETIMES', colour: 'x' } }],
        clusters: [
          {
            identifier: 'a',
            parameterGroup: 'missing',
            instances: [
              { identifier: 'a-1', class: 'db.r6g.large', role: 'reader' },
              { identifier: 'a-1', class: 'db.r6g.9xlarge', role: 'reader' },
            ],
          },
        ],
      }),
    );
    expect(cross).toEqual([
      'parameterGroups.0.parameters.binlog_format: "SOMETIMES" is not one of ROW,STATEMENT,MIXED,OFF',
      'parameterGroups.0.parameters.colour: unknown parameter',
      'clusters.0.parameterGroup: no parameter group "missing"',
      'clusters.0.instances: needs exactly one writer, has 0',
      'clusters.0.instances.1.identifier: identifier "a-1" is used twice',
      'clusters.0.instances.1.class: db.r6g.9xlarge is not an Aurora MySQL class',
    ]);
  });

  it('when the emulator is started from a world file path, then it serves that world', async () => {
    const file = join(tmpdir(), `sim-rds-world-${process.pid}.yaml`);
    writeFileSync(
      file,
      "account: '111122223333'\nregion: eu-west-1\nclusters:\n  - identifier: lab\n    instances:\n      - { identifier: lab-1, class: db.r7g.large, role: writer }\n",
    );
    const lab = await startTestEmulator({ world: file });
    try {
      const out = await lab.rds.send(new DescribeDBClustersCommand({}));
      expect(out.DBClusters?.map((c) => c.DBClusterArn)).toEqual([
        'arn:aws:rds:eu-west-1:111122223333:cluster:lab',
      ]);
    } finally {
      await lab.close();
    }
  });

  it('when options are invalid or the backing server is down, then starting fails with a clear error', async () => {
    expect(await rejectionOf(startRdsEmulator({ speed: 0 }))).toBeInstanceOf(UserError);
    expect(await rejectionOf(startRdsEmulator({ mysql: 'http://x' }))).toBeInstanceOf(UserError);
    expect(
      await rejectionOf(startRdsEmulator({ world: '/nonexistent/world.yaml' })),
    ).toBeInstanceOf(ConfigError);
    const down = await rejectionOf(startRdsEmulator({ mysql: 'mysql://root@127.0.0.1:1' }));
    expect(down).toBeInstanceOf(UnavailableError);
    expect(down.message).toContain('127.0.0.1:1');
  });

  it('when the shared data port is taken on an address, then the endpoint moves to the next address', async () => {
    const first = await startTestEmulator();
    const port = (first.emulator.state() as { port: number }).port;
    // The first emulator holds 127.0.0.2-8 on `port`; a second one asked for the same port skips them.
    const second = await startTestEmulator({ dataPort: port });
    try {
      const endpoints = (
        second.emulator.state() as { endpoints: { address: string; port: number }[] }
      ).endpoints;
      expect(endpoints.every((e) => e.port === port)).toBe(true);
      expect(endpoints[0]?.address).toBe('127.0.0.9');
    } finally {
      await first.close();
      await second.close();
    }
  });
});
