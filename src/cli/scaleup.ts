/**
 * `aurora-bot scaleup`: the engine without Slack. Enqueues a run, drives it with an in-process
 * worker, prints one line per event on stderr, asks for each approval on the terminal (or takes
 * `--yes` as pre-approval), and prints the JSON summary on stdout.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { STRATEGIES, type Strategy } from '../config.js';
import { UserError } from '../errors.js';
import { runSummary } from '../workflow/run-summary.js';
import { type Actor, isLive, type Notifier, type Run } from '../workflow/types.js';
import { formatEventLine } from './event-line.js';
import { EXIT } from './exit.js';
import { openServices } from './services.js';

interface ScaleupOptions {
  strategy?: string;
  dryRun?: boolean;
  yes?: boolean;
  config?: string;
  oldWriter?: string;
  resizeReaders?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function registerScaleup(program: Command): void {
  program
    .command('scaleup')
    .description(
      'scale a cluster up without Slack: plan, approvals on this terminal, live progress',
    )
    .argument('<cluster>', 'cluster alias from the configuration, e.g. prod-db')
    .argument('<class>', 'target instance class, e.g. r6g.2xlarge')
    .option('-s, --strategy <strategy>', `one of ${STRATEGIES.join(', ')} (default: configuration)`)
    .option('--dry-run', 'stop after the plan; change nothing')
    .option(
      '-y, --yes',
      'approve every gate in advance (recorded as pre-approval; meant for rehearsals)',
    )
    .option('--old-writer <what>', 'failover strategy: resize or remove the old writer', 'resize')
    .option('--resize-readers', 'inplace strategy: also resize the readers')
    .option('-c, --config <file>', 'configuration file')
    .action(async (alias: string, instanceClass: string, options: ScaleupOptions) => {
      process.exitCode = await scaleup(alias, instanceClass, options);
    });
}

async function scaleup(
  alias: string,
  instanceClass: string,
  options: ScaleupOptions,
): Promise<number> {
  if (options.strategy !== undefined && !STRATEGIES.includes(options.strategy as Strategy)) {
    throw new UserError(
      'invalid_strategy',
      `Unknown strategy "${options.strategy}". Use one of: ${STRATEGIES.join(', ')}.`,
    );
  }
  if (options.oldWriter !== 'resize' && options.oldWriter !== 'remove') {
    throw new UserError('invalid_option', '--old-writer must be resize or remove.');
  }
  const interactive = process.stdin.isTTY === true;
  if (!options.yes && !options.dryRun && !interactive) {
    throw new UserError(
      'needs_terminal',
      'Approvals need a terminal. Run in a terminal, or pass --yes for a rehearsal (e.g. against the emulator).',
    );
  }
  const actor: Actor = { id: `cli:${userInfo().username}`, name: userInfo().username, via: 'cli' };
  let services: Awaited<ReturnType<typeof openServices>> | undefined;
  const notifier: Notifier = {
    async notify(_run, entry) {
      process.stderr.write(`${formatEventLine(entry)}\n`);
      const event = entry.event;
      if (event.type === 'gate.opened' && !options.yes && interactive && services) {
        const engine = services.engine;
        void (async () => {
          const rl = createInterface({ input: process.stdin, output: process.stderr });
          const answer = await rl.question(
            `Approve "${event.gate.title}"? Type "approve" or "reject": `,
          );
          rl.close();
          const decision = answer.trim().toLowerCase().startsWith('approve') ? 'approve' : 'reject';
          const result = await engine.decide(
            {
              runId: entry.runId,
              gateId: event.gate.id,
              nonce: event.gate.nonce,
              actor,
              decision,
            },
            () => ({ allowed: true }),
          );
          if (!result.ok) process.stderr.write(`decision not taken: ${result.reason}\n`);
        })().catch((error: unknown) =>
          process.stderr.write(`could not record the decision: ${(error as Error).message}\n`),
        );
      }
    },
  };
  services = await openServices({
    notifier,
    ...(options.config ? { configPath: options.config } : {}),
  });
  const { engine } = services;
  const worker = engine.startWorker({ concurrency: 5 });
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const run = await engine.createRun({
      clusterAlias: alias,
      targetClass: instanceClass,
      ...(options.strategy ? { strategy: options.strategy as Strategy } : {}),
      requester: actor,
      dryRun: options.dryRun ?? false,
      preApproved: options.yes ?? false,
      options: { oldWriter: options.oldWriter, resizeReaders: options.resizeReaders ?? false },
    });
    let current: Run | undefined = run;
    while (current && isLive(current.status) && current.status !== 'expired' && !interrupted) {
      await sleep(250);
      current = await engine.getRun(run.id);
    }
    if (interrupted && current && isLive(current.status)) {
      process.stderr.write(
        `Interrupted. Run ${run.id} is saved and continues with any worker (npx aurora-bot worker).\n`,
      );
    }
    const final = current ?? run;
    process.stdout.write(`${JSON.stringify(runSummary(final), null, 2)}\n`);
    return final.status === 'succeeded' ? EXIT.ok : EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await worker.close(interrupted);
    await services.close();
  }
}
