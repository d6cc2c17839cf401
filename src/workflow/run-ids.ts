import { randomBytes } from 'node:crypto';

/**
 * Run ids are short enough to type in Slack, sort by creation time, and are valid BullMQ job ids
 * (no `:`, not all digits): `r-` + base36 time + 4 random characters, e.g. `r-mfa1k2x3-7q2z`.
 */
export function newRunId(now: number = Date.now()): string {
  const random = BigInt(`0x${randomBytes(4).toString('hex')}`)
    .toString(36)
    .padStart(4, '0')
    .slice(-4);
  return `r-${now.toString(36)}-${random}`;
}

export function newNonce(): string {
  return randomBytes(8).toString('hex');
}
