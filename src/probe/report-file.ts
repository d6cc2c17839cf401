import { renameSync, writeFileSync } from 'node:fs';
import type { ProbeReport } from './types.js';

/**
 * Replaces `path` with the JSON report atomically (write a sibling, then rename), so a reader or
 * a crash never sees half a file.
 */
export function writeReportFile(path: string, report: ProbeReport): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(temporary, path);
}
