/**
 * One raw POST to the bot's `/slack/events`, timed from the moment the request is handed to the
 * socket to the end of the answer. Signing and body building happen before the clock starts, as
 * at Slack; the headers are given whole, so forged, stale or missing ones can be sent too.
 */
import { request } from 'node:http';
import { signSlackRequest } from '../../src/sim/slack/index.js';

export interface PostAnswer {
  status: number;
  /** Raw body text. */
  text: string;
  /** From the send to the last byte of the answer (ms). */
  ms: number;
}

/** The two headers Slack signs a request with; `timestamp` in s (default: now). */
export function slackHeaders(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signSlackRequest(secret, timestamp, body),
  };
}

/** POSTs `body` as Slack does (bare form content type, a new connection per request). */
export function postToBot(
  botUrl: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = 10_000,
): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(
      `${botUrl}/slack/events`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(Buffer.byteLength(body)),
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString(),
            ms: performance.now() - t0,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
