/**
 * The UTC offset of an IANA time zone at `at` (ms), in seconds east of UTC, as users.info's
 * `tz_offset` reports it (DST included). Unknown zones count as UTC.
 */
export function tzOffsetSeconds(tz: string, at: number): number {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    return 0;
  }
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!m) return 0;
  const seconds = Number(m[2]) * 3600 + Number(m[3]) * 60;
  return m[1] === '-' ? -seconds : seconds;
}
