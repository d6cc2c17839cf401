/**
 * Parses the text of `/aurora …` into a command. Pure and total: any input gives a result,
 * unknown words give help, and wrong arity or options say what was wrong and the right usage.
 */
import { STRATEGIES, type Strategy } from '../../config.js';

export const USAGE = {
  scaleup: 'scaleup <cluster> <class> [strategy=bluegreen|failover|inplace]',
  plan: 'plan <cluster> <class> [strategy=bluegreen|failover|inplace]',
  status: 'status [run-id|cluster]',
  list: 'list',
  cancel: 'cancel <run-id>',
  clusters: 'clusters',
  audit: 'audit <run-id>',
  help: 'help',
} as const;

export type Subcommand = keyof typeof USAGE;

export type ParsedCommand =
  | { kind: 'scaleup' | 'plan'; cluster: string; targetClass: string; strategy?: Strategy }
  | { kind: 'status'; target?: string }
  | { kind: 'list' }
  | { kind: 'cancel'; runId: string }
  | { kind: 'clusters' }
  | { kind: 'audit'; runId: string }
  /** `unknown` is the word that was not understood, when there was one. */
  | { kind: 'help'; unknown?: string }
  /** A known subcommand used wrongly: `problem` says what, `usage` what would be right. */
  | { kind: 'usage'; sub: Subcommand; problem: string; usage: string };

/** Longest token accepted; anything longer is certainly not an alias, class or id. */
const MAX_TOKEN = 100;

const ALIASES: Record<string, Subcommand> = { 'scale-up': 'scaleup', ls: 'list', '?': 'help' };

function isSubcommand(word: string): word is Subcommand {
  return Object.hasOwn(USAGE, word);
}

function usage(sub: Subcommand, problem: string): ParsedCommand {
  return { kind: 'usage', sub, problem, usage: `/aurora ${USAGE[sub]}` };
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function parseScale(sub: 'scaleup' | 'plan', args: string[]): ParsedCommand {
  const positional: string[] = [];
  let strategy: Strategy | undefined;
  for (const arg of args) {
    const option = /^(?:--)?([a-z][a-z-]*)=(.*)$/i.exec(arg);
    if (!option) {
      positional.push(arg);
      continue;
    }
    const key = (option[1] ?? '').toLowerCase();
    const value = (option[2] ?? '').toLowerCase();
    if (key !== 'strategy')
      return usage(sub, `unknown option \`${key}=\`; the only option is strategy=…`);
    if (strategy !== undefined) return usage(sub, 'strategy= is given twice');
    if (!(STRATEGIES as readonly string[]).includes(value)) {
      return usage(sub, `\`${value}\` is not a strategy; use one of ${STRATEGIES.join(', ')}`);
    }
    strategy = value as Strategy;
  }
  const [cluster, targetClass] = positional;
  if (positional.length !== 2 || cluster === undefined || targetClass === undefined) {
    const what =
      positional.length < 2
        ? 'needs a cluster and an instance class'
        : 'takes only a cluster and an instance class';
    return usage(sub, `${sub} ${what} (got ${count(positional.length, 'argument')})`);
  }
  return {
    kind: sub,
    cluster: cluster.toLowerCase(),
    targetClass: targetClass.toLowerCase(),
    ...(strategy ? { strategy } : {}),
  };
}

export function parseCommand(text: unknown): ParsedCommand {
  const words = typeof text === 'string' ? text.trim().split(/\s+/).filter(Boolean) : [];
  const [first, ...args] = words;
  if (first === undefined) return { kind: 'help' };
  const lowered = first.toLowerCase();
  const sub = ALIASES[lowered] ?? lowered;
  if (!isSubcommand(sub)) return { kind: 'help', unknown: first.slice(0, MAX_TOKEN) };
  if (sub === 'help') return { kind: 'help' };
  const tooLong = args.find((a) => a.length > MAX_TOKEN);
  if (tooLong !== undefined)
    return usage(sub, `an argument is longer than ${MAX_TOKEN} characters`);
  switch (sub) {
    case 'scaleup':
    case 'plan':
      return parseScale(sub, args);
    case 'status':
      if (args.length > 1)
        return usage(sub, `status takes at most one run id or cluster (got ${args.length})`);
      return args[0] === undefined ? { kind: 'status' } : { kind: 'status', target: args[0] };
    case 'cancel':
    case 'audit':
      if (args.length !== 1 || args[0] === undefined) {
        return usage(
          sub,
          `${sub} needs exactly one run id (got ${count(args.length, 'argument')})`,
        );
      }
      return { kind: sub, runId: args[0] };
    case 'list':
    case 'clusters':
      if (args.length > 0)
        return usage(sub, `${sub} takes no arguments (got ${count(args.length, 'argument')})`);
      return { kind: sub };
  }
}
