import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadEnv, parseConfigText } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

const example = readFileSync(new URL('../../aurora-bot.example.yaml', import.meta.url), 'utf8');

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfigText', () => {
  it('when the example file is read, then every cluster gets its alias, defaults and policy', () => {
    const config = parseConfigText(example, 'example', { PROD_DB_PROBE_PASSWORD: 's3cret' });
    expect(Object.keys(config.clusters)).toEqual(['prod-db', 'staging-db']);
    const prod = config.clusters['prod-db']!;
    expect(prod.alias).toBe('prod-db');
    expect(prod.twoPersonRule).toBe(true);
    expect(prod.probePassword).toBe('s3cret');
    expect(prod.probe?.intervalMs).toBe(100);
    expect(config.clusters['staging-db']!.twoPersonRule).toBe(false);
    expect(config.defaults.approvalTimeout).toBe(4 * 3600_000);
    expect(config.defaults.pollInterval).toBe(30_000);
  });

  it('when defaults are omitted, then documented defaults apply', () => {
    const config = parseConfigText(
      'clusters:\n  a:\n    clusterIdentifier: a\n    region: us-east-1\n    environment: dev\n',
      'min',
      {},
    );
    expect(config.defaults).toMatchObject({
      strategy: 'bluegreen',
      binlogFormat: 'ROW',
      switchoverTimeout: 300,
    });
    expect(config.clusters.a!.requesters).toEqual([]);
  });

  it('when a file has many problems, then all are reported with their paths', () => {
    const problems = problemsOf(() =>
      parseConfigText(
        [
          'defaults:',
          '  strategy: fast',
          '  colour: blue',
          'clusters:',
          '  prod-db:',
          '    clusterIdentifier: prod-db',
          '    environment: production',
          '    approvers: []',
          '    requesters: [alice]',
          '    switchover: 3',
        ].join('\n'),
        'bad',
        {},
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^defaults\.strategy: /),
        'defaults: unknown key "colour"',
        'clusters.prod-db.region: required',
        expect.stringMatching(/^clusters\.prod-db\.requesters\.0: must be a Slack user ID/),
        'clusters.prod-db: unknown key "switchover"',
        'clusters.prod-db.approvers: a production cluster needs at least one approver',
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('when a cluster alias appears twice, then the YAML error names the line', () => {
    const problems = problemsOf(() => parseConfigText('clusters:\n  a: {}\n  a: {}\n', 'dup', {}));
    expect(problems).toEqual([
      'line 3, column 3: duplicate key (each cluster alias must be unique)',
    ]);
  });

  it('when the YAML is malformed, then the problem is reported, not thrown raw', () => {
    const problems = problemsOf(() => parseConfigText('clusters: [unclosed\n', 'broken', {}));
    expect(problems.length).toBeGreaterThan(0);
  });

  it('when two aliases point at the same cluster, then that is a problem', () => {
    const text = [
      'clusters:',
      '  a: { clusterIdentifier: db, region: us-east-1, environment: dev }',
      '  b: { clusterIdentifier: db, region: us-east-1, environment: dev }',
    ].join('\n');
    expect(problemsOf(() => parseConfigText(text, 'same', {}))).toEqual([
      'clusters.b.clusterIdentifier: same cluster as alias "a" (us-east-1/db)',
    ]);
  });

  it('when a value has the wrong type, then it says so', () => {
    const text = 'defaults:\n  finalSnapshot: maybe\nclusters: {}\n';
    expect(problemsOf(() => parseConfigText(text, 'types', {}))).toEqual([
      expect.stringMatching(/^defaults\.finalSnapshot: .*boolean/),
    ]);
  });
});

describe('loadEnv', () => {
  it('when nothing is set, then defaults apply', () => {
    expect(loadEnv({})).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: 3000,
      LOG_LEVEL: 'info',
    });
  });

  it('when variables are wrong, then every one is listed', () => {
    expect(
      problemsOf(() => loadEnv({ REDIS_URL: 'http://x', PORT: 'abc', SLACK_BOT_TOKEN: 'nope' })),
    ).toHaveLength(3);
  });
});

describe('loadConfig', () => {
  it('when the file is missing, then the error names the path and how to create one', () => {
    try {
      loadConfig({ env: {}, configPath: '/nonexistent/aurora.yaml' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain('/nonexistent/aurora.yaml');
      expect((error as ConfigError).hint).toContain('aurora-bot.example.yaml');
    }
  });
});
