/** Exit statuses shared by every command: 0 success, 1 the operation failed, 2 bad input. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
