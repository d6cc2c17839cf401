/**
 * The seed probe, as found in ../shared/seed: one mysql connection, an INSERT every 100 ms,
 * errors logged and otherwise ignored, no reconnect. Run as a child process by bench/probe.ts
 * (it may die on an unhandled connection error, which is part of what the benchmark shows).
 * Prints one JSON line per operation: {"t": ms, "ok": bool, "error"?: string}.
 *
 * With `handle-errors` it also listens for connection errors, the first fix people make: the
 * process then survives, but the one connection stays dead.
 *
 * Usage: tsx bench/probe-naive.ts PORT DATABASE [handle-errors]
 */
import { createConnection } from 'mysql2';

const [port, database, variant] = process.argv.slice(2);
const log = (line: object) =>
  process.stdout.write(`${JSON.stringify({ t: Date.now(), ...line })}\n`);

const connection = createConnection({
  host: '127.0.0.1',
  port: Number(port),
  user: 'root',
  database,
});

if (variant === 'handle-errors')
  connection.on('error', (err) => log({ ok: false, error: `connection: ${err.message}` }));

connection.connect((err) => {
  if (err) {
    log({ ok: false, error: `connect: ${err.message}` });
    return;
  }
  log({ connected: true });
});

function insertData() {
  const data = ['hello'];
  connection.query('INSERT INTO naive_writes(name) VALUES ?', [[data]], (error) => {
    if (error) {
      log({ ok: false, error: error.message });
      return;
    }
    log({ ok: true });
  });
}

setInterval(insertData, 100);
