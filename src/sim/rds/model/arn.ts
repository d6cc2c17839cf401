import type { SimState } from './sim-state.js';

export type ArnKind = 'cluster' | 'db' | 'cluster-pg' | 'deployment' | 'cluster-snapshot';

/** `arn:aws:rds:<region>:<account>:<kind>:<name>`. */
export function arn(state: Pick<SimState, 'region' | 'account'>, kind: ArnKind, name: string) {
  return `arn:aws:rds:${state.region}:${state.account}:${kind}:${name}`;
}

/** Splits an RDS ARN; undefined when the text is not one. */
export function parseArn(text: string): { kind: string; name: string } | undefined {
  const match = /^arn:aws[a-z-]*:rds:[^:]*:\d*:([a-z-]+):(.+)$/.exec(text);
  return match ? { kind: match[1] ?? '', name: match[2] ?? '' } : undefined;
}

/** An identifier given as a plain name or an ARN of `kind`, lowercased as RDS stores it. */
export function identifierFrom(text: string, kind: ArnKind): string {
  const parsed = parseArn(text);
  return (parsed && parsed.kind === kind ? parsed.name : text).toLowerCase();
}
