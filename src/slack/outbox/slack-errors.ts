/**
 * Sorts a Web API failure into what the outbox does next: wait for Retry-After (429), back off
 * and retry (HTTP 5xx, network), or give up on that message (Slack answered `ok:false`).
 * Matches on the SDK's stable `code` strings rather than on classes.
 */
export type SlackFailure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'server_error'; status?: number }
  | { kind: 'network'; message: string }
  | { kind: 'platform'; error: string };

/** Used when a 429 carries no usable Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 5000;

export function classifySlackError(error: unknown): SlackFailure {
  const e = (error ?? {}) as {
    code?: unknown;
    retryAfter?: unknown;
    statusCode?: unknown;
    data?: { error?: unknown };
    message?: unknown;
  };
  const message = typeof e.message === 'string' ? e.message : String(error);
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const seconds =
        typeof e.retryAfter === 'number' && e.retryAfter >= 0 ? e.retryAfter : undefined;
      return {
        kind: 'rate_limited',
        retryAfterMs: seconds === undefined ? DEFAULT_RETRY_AFTER_MS : seconds * 1000,
      };
    }
    case 'slack_webapi_http_error':
      return typeof e.statusCode === 'number'
        ? { kind: 'server_error', status: e.statusCode }
        : { kind: 'server_error' };
    case 'slack_webapi_platform_error':
      return {
        kind: 'platform',
        error: typeof e.data?.error === 'string' ? e.data.error : 'unknown_error',
      };
    default:
      if (message.startsWith('Retry header did not contain a valid timeout')) {
        return { kind: 'rate_limited', retryAfterMs: DEFAULT_RETRY_AFTER_MS };
      }
      return { kind: 'network', message };
  }
}

/** Backoff after `failures` consecutive transient failures, in ms: 0.5 s doubling up to 30 s. */
export function backoffMs(failures: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, failures - 1));
}
