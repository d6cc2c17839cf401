/**
 * Worlds and bot configurations for many identical clusters, generated in code: each cluster is
 * like the default world's prod-db (writer + reader db.r6g.large, default parameter group, so a
 * blue/green run also creates a binlog group and reboots the writer).
 */
import { stringify } from 'yaml';
import { type Config, loadEnv, parseConfigText } from '../../src/config.js';
import type { World } from '../../src/sim/rds/index.js';

/** `fleet-001`, `fleet-002`, … */
export function clusterNames(prefix: string, count: number): string[] {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(width, '0')}`);
}

export function fleetWorld(names: readonly string[]): World {
  return {
    clusters: names.map((identifier) => ({
      identifier,
      engineVersion: '8.0.mysql_aurora.3.05.2',
      parameterGroup: 'default.aurora-mysql8.0',
      instances: [
        { identifier: `${identifier}-instance-1`, class: 'db.r6g.large', role: 'writer' as const },
        { identifier: `${identifier}-instance-2`, class: 'db.r6g.large', role: 'reader' as const },
      ],
    })),
  };
}

export interface BotConfigOptions {
  rdsRequestsPerSecond: number;
  /** Probe the clusters' endpoints during disruptive steps (settle in ms). */
  probe?: { settleMs: number } | undefined;
  pollInterval?: string;
  greenPollInterval?: string;
  approvalTimeout?: string;
}

/** The YAML text of an aurora-bot configuration naming every cluster (alias = identifier). */
export function botConfigText(names: readonly string[], options: BotConfigOptions): string {
  const clusters = Object.fromEntries(
    names.map((name) => [
      name,
      {
        clusterIdentifier: name,
        region: 'ap-northeast-2',
        environment: 'production',
        requesters: ['U0ALICE'],
        approvers: ['U0BOB'],
        ...(options.probe
          ? {
              probe: {
                user: 'root',
                database: 'aurora_probe',
                intervalMs: 100,
                settle: `${options.probe.settleMs}ms`,
              },
            }
          : {}),
      },
    ]),
  );
  return stringify({
    defaults: {
      strategy: 'bluegreen',
      approvalTimeout: options.approvalTimeout ?? '4h',
      pollInterval: options.pollInterval ?? '1s',
      greenPollInterval: options.greenPollInterval ?? '2s',
      binlogFormat: 'ROW',
      switchoverTimeout: 300,
      finalSnapshot: true,
      rdsRequestsPerSecond: options.rdsRequestsPerSecond,
    },
    clusters,
  });
}

export function configFromText(text: string, source = 'bench.yaml'): Config {
  return { env: loadEnv({}), configPath: source, ...parseConfigText(text, source, {}) };
}
