import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('aurora-bot CLI', () => {
  it('when asked for help, then it lists the commands and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: aurora-bot');
    expect(result.stdout).toMatch(/config/);
  });

  it('when asked for the version, then it prints package.json version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('when the example configuration is checked, then it exits 0 with a summary', async () => {
    const result = await runCli(['config', 'check', '--config', 'aurora-bot.example.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Configuration OK');
    expect(result.stdout).toContain('prod-db → prod-db (ap-northeast-2, production)');
  });

  it('when a bad file is checked, then it exits 2 listing every problem and no stack trace', async () => {
    const file = join(tmpdir(), `aurora-bad-${process.pid}.yaml`);
    writeFileSync(
      file,
      'defaults:\n  strategy: fast\nclusters:\n  prod-db:\n    clusterIdentifier: prod-db\n    environment: production\n',
    );
    const result = await runCli(['config', 'check', '--config', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('defaults.strategy');
    expect(result.stderr).toContain('clusters.prod-db.region: required');
    expect(result.stderr).toContain(
      'clusters.prod-db.approvers: a production cluster needs at least one approver',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('when the file is missing, then it exits 2 and says how to create one', async () => {
    const result = await runCli(['config', 'check', '--config', 'missing.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing.yaml');
    expect(result.stderr).toContain('cp aurora-bot.example.yaml aurora-bot.yaml');
  });

  it('when a command is unknown, then it exits 2', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
  });
});
