/** Reads the probe's rows back through the writer, on a connection of its own. */
import { type ConnectionSettings, openConnection } from './connection.js';
import type { ProbeSql } from './sql.js';

/**
 * The seqs of `runId` present between `fromSeq` and `toSeq` (inclusive). Rejects on any error
 * or after `timeoutMs`; the caller decides whether to try again.
 */
export async function readBackSeqs(
  settings: ConnectionSettings,
  sql: ProbeSql,
  runId: string,
  fromSeq: number,
  toSeq: number,
  timeoutMs: number,
): Promise<Set<number>> {
  const conn = openConnection(settings, timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`reading the probe rows back took over ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  let answered = false;
  const work = async () => {
    await conn.ready;
    const rows = await conn.query<{ seq: number | string }[]>(sql.seqsBetween, [
      runId,
      fromSeq,
      toSeq,
    ]);
    answered = true;
    return new Set(rows.map((row) => Number(row.seq)));
  };
  try {
    return await Promise.race([work(), expiry]);
  } finally {
    clearTimeout(timer);
    if (answered) void conn.end(timeoutMs);
    else conn.destroy();
  }
}
