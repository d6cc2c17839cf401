/**
 * Which fuzzed slash commands may create a run, from the documented command syntax (README,
 * `/aurora help`) rather than from the bot's parser: `/aurora scaleup|scale-up|plan <cluster>
 * <class> [strategy=…]` by a requester of a configured cluster, any case, words separated by
 * white space, with a known instance class. Everything else must create nothing.
 */
import { normalizeInstanceClass } from '../../src/aws/instance-classes.js';
import { STRATEGIES } from '../../src/config.js';
import { REQUESTER } from '../lib/slack-rig.js';
import type { FuzzCase } from './fuzz-cases.js';

const COMMAND = /^\/aurora(-[a-z0-9-]+)?$/;

/** The run a valid command asks for. */
export interface Intent {
  dryRun: boolean;
  cluster: string;
  /** Normalised, e.g. `db.r6g.2xlarge`. */
  targetClass: string;
  /** Undefined: the configured default. */
  strategy?: string;
}

export function intentOf(c: FuzzCase, clusters: readonly string[]): Intent | undefined {
  if (c.kind !== 'command' || c.text === undefined || c.user !== REQUESTER) return undefined;
  if (!COMMAND.test(c.command ?? '')) return undefined;
  const [first, ...args] = c.text.trim().split(/\s+/).filter(Boolean);
  const sub = first?.toLowerCase();
  if (sub !== 'scaleup' && sub !== 'scale-up' && sub !== 'plan') return undefined;
  if (args.some((a) => a.length > 100)) return undefined;
  const positional: string[] = [];
  const strategies: string[] = [];
  for (const arg of args) {
    const option = /^(?:--)?([a-z][a-z-]*)=(.*)$/i.exec(arg);
    if (!option) positional.push(arg);
    else if (option[1]?.toLowerCase() !== 'strategy') return undefined;
    else strategies.push(option[2]?.toLowerCase() ?? '');
  }
  const [cluster, klass] = positional;
  const targetClass = normalizeInstanceClass(klass ?? '');
  const strategy = strategies[0];
  if (positional.length !== 2 || !targetClass || strategies.length > 1) return undefined;
  if (!clusters.includes(cluster?.toLowerCase() ?? '')) return undefined;
  if (strategy !== undefined && !(STRATEGIES as readonly string[]).includes(strategy))
    return undefined;
  return {
    dryRun: sub === 'plan',
    cluster: cluster?.toLowerCase() ?? '',
    targetClass,
    ...(strategy ? { strategy } : {}),
  };
}

/** Whether `run` is what `intent` asks for (`defaultStrategy` when it names none). */
export function runMatches(
  run: {
    cluster: { alias: string };
    targetClass: string;
    strategy: string;
    options: { dryRun: boolean };
  },
  intent: Intent,
  defaultStrategy: string,
): boolean {
  return (
    run.cluster.alias === intent.cluster &&
    run.targetClass === intent.targetClass &&
    run.options.dryRun === intent.dryRun &&
    run.strategy === (intent.strategy ?? defaultStrategy)
  );
}
