/**
 * Aurora MySQL instance classes the bot accepts before asking AWS. The authoritative check is
 * DescribeOrderableDBInstanceOptions for the cluster's exact engine version (done in preflight);
 * this table only lets the Slack front reject typos within its 3-second acknowledgement.
 */
const FAMILIES = ['r5', 'r6g', 'r6i', 'r7g', 'r7i', 'r8g', 'x2g', 't3', 't4g'] as const;
const SIZES = [
  'medium',
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
  '24xlarge',
] as const;

/** Normalises `r6g.2xlarge` or `db.r6g.2xlarge` (any case) to `db.r6g.2xlarge`; undefined if unknown. */
export function normalizeInstanceClass(text: string): string | undefined {
  const match = /^(?:db\.)?([a-z0-9]+)\.([a-z0-9]+)$/.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const [, family, size] = match;
  if (!(FAMILIES as readonly string[]).includes(family ?? '')) return undefined;
  if (!(SIZES as readonly string[]).includes(size ?? '')) return undefined;
  return `db.${family}.${size}`;
}

/** Relative size of a class (vCPU-like rank), for "is the target larger?" warnings. */
export function classRank(instanceClass: string): number {
  const size = instanceClass.split('.')[2] ?? '';
  const index = (SIZES as readonly string[]).indexOf(size);
  return index < 0 ? -1 : index;
}

export const KNOWN_CLASS_EXAMPLES = 'r6g.large, r6g.2xlarge, r7g.4xlarge, r8g.xlarge';
