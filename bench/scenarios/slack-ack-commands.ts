/**
 * The command mix of the acknowledgement benchmark: blocks of 20 `/aurora` commands, 11 valid
 * and 9 invalid, cycling over distinct clusters so that every scale-up block creates runs.
 */
import { BYSTANDER, REQUESTER } from '../lib/slack-rig.js';

export interface AckCommand {
  /** What the command exercises, for the per-kind table. */
  kind: string;
  valid: boolean;
  user: string;
  text: string;
}

/** How many distinct clusters `ackCommands(count)` uses (two per block of 20). */
export const clustersNeeded = (count: number): number => 2 * Math.ceil(count / 20);

/** `count` commands; `cluster(i)` names the i-th distinct cluster (0-based). */
export function ackCommands(count: number, cluster: (i: number) => string): AckCommand[] {
  const out: AckCommand[] = [];
  for (let block = 0; out.length < count; block += 1) {
    const a = cluster(2 * block);
    const b = cluster(2 * block + 1);
    const v = (kind: string, text: string, user = REQUESTER) =>
      out.push({ kind, valid: true, user, text });
    const x = (kind: string, text: string, user = REQUESTER) =>
      out.push({ kind, valid: false, user, text });
    v('scaleup (new run)', `scaleup ${a} r6g.2xlarge`);
    x('unknown cluster', 'scaleup nope-db r6g.2xlarge');
    v('scaleup (new run)', `scaleup ${b} r6g.4xlarge strategy=failover`);
    v('help', 'help');
    x('bad instance class', `scaleup ${a} r6g.2xlarg`);
    v('scaleup (same cluster: busy)', `scaleup ${a} r6g.xlarge`);
    v('plan (dry run)', 'plan prod-db r6g.2xlarge');
    x('bad strategy', `scaleup ${b} r6g.2xlarge strategy=yolo`);
    v('status', 'status');
    v('list', 'list');
    x('missing argument', 'scaleup prod-db');
    v('status <cluster>', `status ${a}`);
    x('not a requester', `scaleup ${b} r6g.8xlarge`, BYSTANDER);
    v('plan (dry run)', `plan ${b} r6g.large strategy=inplace`);
    x('unknown subcommand', 'frobnicate now');
    v('clusters', 'clusters');
    x('cancel without run id', 'cancel');
    v('status <cluster>', 'status prod-db');
    x('status of an unknown run', 'status r-nope-0000');
    x('audit of an unknown run', 'audit r-nope-0000');
  }
  return out.slice(0, count);
}

/** What the bot's answer says, from its text. */
export function answerKind(body: unknown): string {
  const text = JSON.stringify(body ?? '');
  if (text.includes('Working on it')) return 'late (answered through response_url)';
  if (text.includes('Queued scale-up')) return 'queued';
  if (text.includes('Planning')) return 'planning';
  if (text.includes('already has a live run')) return 'busy';
  if (text.includes('Something went wrong')) return 'error';
  if (text.includes('⚠️')) return 'problem';
  return 'answer';
}
