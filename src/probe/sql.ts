/** The probe's SQL. One table, shared by all runs and keyed by run, so runs can be compared later. */
import { escapeId } from 'mysql2';
import type { ProbeConnection } from './connection.js';

export const PROBE_TABLE = 'probe_writes';

/** Errnos meaning the probe table or schema is not there (yet): 1146 no such table, 1049 no such database. */
export const MISSING_TABLE_ERRNOS: ReadonlySet<number> = new Set([1146, 1049]);

export interface ProbeSql {
  database: string;
  createDatabase: string;
  createTable: string;
  tableExists: string;
  insert: string;
  maxSeq: string;
  seqsBetween: string;
  ping: string;
}

export function probeSql(database: string): ProbeSql {
  const table = `${escapeId(database)}.${escapeId(PROBE_TABLE)}`;
  return {
    database,
    createDatabase: `CREATE DATABASE IF NOT EXISTS ${escapeId(database)}`,
    createTable: `CREATE TABLE IF NOT EXISTS ${table} (
      probe_run_id VARCHAR(64) NOT NULL,
      seq BIGINT UNSIGNED NOT NULL,
      sent_at BIGINT NOT NULL COMMENT 'client clock when the insert was sent, ms since the epoch',
      PRIMARY KEY (probe_run_id, seq)
    ) ENGINE=InnoDB`,
    tableExists:
      'SELECT 1 AS found FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
    insert: `INSERT INTO ${table} (probe_run_id, seq, sent_at) VALUES (?, ?, ?)`,
    maxSeq: `SELECT MAX(seq) AS seq FROM ${table} WHERE probe_run_id = ?`,
    seqsBetween: `SELECT seq FROM ${table} WHERE probe_run_id = ? AND seq BETWEEN ? AND ?`,
    ping: 'SELECT 1',
  };
}

/**
 * Creates the schema and table unless the table exists. Checking first lets a DBA pre-create
 * them and grant the probe only INSERT and SELECT.
 */
export async function ensureProbeTable(conn: ProbeConnection, sql: ProbeSql): Promise<void> {
  const rows = await conn.query<unknown[]>(sql.tableExists, [sql.database, PROBE_TABLE]);
  if (rows.length > 0) return;
  await conn.query(sql.createDatabase);
  await conn.query(sql.createTable);
}
