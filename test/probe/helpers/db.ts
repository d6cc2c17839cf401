import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

export const MARIADB = { host: '127.0.0.1', port: 3306 } as const;

/** A schema name no other test file uses, e.g. `aurora_probe_test_3f9a1c2b`. */
export function uniqueDatabase(): string {
  return `aurora_probe_test_${randomBytes(4).toString('hex')}`;
}

/** Runs one statement as root on the real MariaDB. */
export async function asRoot<T = unknown>(sql: string, values: unknown[] = []): Promise<T> {
  const conn = await createConnection({ ...MARIADB, user: 'root' });
  try {
    const [rows] = await conn.query(sql, values);
    return rows as T;
  } finally {
    await conn.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await asRoot(`DROP DATABASE IF EXISTS \`${name}\``);
}
