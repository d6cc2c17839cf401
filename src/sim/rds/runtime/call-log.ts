/** One API request as the call log records it (`GET /_sim/calls`). */
export interface CallLogEntry {
  /** ISO-8601 time the request arrived. */
  time: string;
  action: string;
  /** Every form parameter except `Action` and `Version`. */
  params: Record<string, string>;
  /** `ok`, or the error code that was answered. */
  outcome: string;
  requestId: string;
}
