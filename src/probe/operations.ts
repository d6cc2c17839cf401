/**
 * What one sampling tick does on each endpoint: the writer inserts its next row (creating the
 * table first when needed), the reader reads the newest row it can see and turns it into lag.
 * In read-only mode both just run `SELECT 1`.
 */
import { errnoOf } from './classify.js';
import type { ProbeConnection } from './connection.js';
import { type AckedWrite, replicaLagMs } from './lag.js';
import type { Operation } from './sampler.js';
import { ensureProbeTable, MISSING_TABLE_ERRNOS, type ProbeSql } from './sql.js';

type Operate = (conn: ProbeConnection, op: Operation) => Promise<{ lagMs?: number } | undefined>;

const isMissingTable = (error: unknown) => MISSING_TABLE_ERRNOS.has(errnoOf(error) ?? 0);

export function writerOperation(sql: ProbeSql, runId: string, readOnly: boolean): Operate {
  let schemaReady = false;
  return async (conn, op) => {
    op.step = readOnly ? 'read' : 'setup';
    if (readOnly) {
      await conn.query(sql.ping);
      return undefined;
    }
    if (!schemaReady) {
      await ensureProbeTable(conn, sql);
      schemaReady = true;
    }
    op.step = 'insert';
    try {
      // sent_at is the operation's start: what the reader's lag is measured from
      await conn.query(sql.insert, [runId, op.seq, op.start]);
    } catch (error) {
      // why: an endpoint now pointing at a server without the table gets it created again
      if (isMissingTable(error)) schemaReady = false;
      throw error;
    }
    return undefined;
  };
}

/** `acked` is the writer's acknowledged inserts, sorted by seq, kept up to date by the caller. */
export function readerOperation(
  sql: ProbeSql,
  runId: string,
  readOnly: boolean,
  acked: readonly AckedWrite[],
): Operate {
  return async (conn, op) => {
    op.step = 'read';
    if (readOnly) {
      await conn.query(sql.ping);
      return undefined;
    }
    let visible: number | undefined;
    try {
      const rows = await conn.query<{ seq: number | string | null }[]>(sql.maxSeq, [runId]);
      const seq = rows[0]?.seq;
      visible = seq === null || seq === undefined ? undefined : Number(seq);
    } catch (error) {
      // why: a replica that has not received the table yet still answers; it sees nothing
      if (!isMissingTable(error)) throw error;
    }
    return { lagMs: replicaLagMs(acked, visible, op.start) };
  };
}
