/**
 * What DescribeOrderableDBInstanceOptions knows for `aurora-mysql`: the memory-optimised
 * families the bot scales between, at the sizes from large to 16xlarge that Aurora MySQL
 * offers for each (no family here has a `medium` size on Aurora MySQL). Every class is
 * offered for every known engine version, which is a simplification.
 */
const FAMILIES = ['r5', 'r6g', 'r6i', 'r7g', 'r8g', 'x2g'] as const;
const SIZES = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'] as const;

export const AURORA_MYSQL_CLASSES: readonly string[] = FAMILIES.flatMap((family) =>
  SIZES.map((size) => `db.${family}.${size}`),
);

/** Aurora MySQL 3 versions the emulator accepts (worlds may add their own). */
export const AURORA_MYSQL_VERSIONS: readonly string[] = [
  '3.04.0',
  '3.04.1',
  '3.04.2',
  '3.04.3',
  '3.05.0',
  '3.05.1',
  '3.05.2',
  '3.06.0',
  '3.06.1',
  '3.07.0',
  '3.07.1',
  '3.08.0',
  '3.08.1',
  '3.08.2',
  '3.09.0',
  '3.10.0',
].map((v) => `8.0.mysql_aurora.${v}`);

/** The cluster parameter group family of an engine version. */
export function familyOf(engineVersion: string): string {
  return engineVersion.startsWith('5.7') ? 'aurora-mysql5.7' : 'aurora-mysql8.0';
}

export function isOrderable(instanceClass: string): boolean {
  return AURORA_MYSQL_CLASSES.includes(instanceClass);
}
