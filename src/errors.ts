/**
 * The project's small error vocabulary. Every error a user can see carries a stable
 * `code` (for tests, metrics and docs) and, where there is one, a `hint` saying what to do.
 */
export class AppError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
  }
}

/** Bad input from a person (command line or Slack): safe to show as is, never retried. */
export class UserError extends AppError {}

/** The configuration (environment or YAML file) is invalid; `problems` lists every one. */
export class ConfigError extends AppError {
  readonly problems: readonly string[];
  constructor(message: string, problems: readonly string[], hint?: string) {
    super('config_invalid', message, hint === undefined ? {} : { hint });
    this.problems = problems;
  }
}

/** A dependency (Redis, MySQL, an HTTP endpoint) cannot be reached. */
export class UnavailableError extends AppError {}

/** Formats any thrown value as one or more human lines, without a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof ConfigError) {
    return [
      error.message,
      ...error.problems.map((p) => `  - ${p}`),
      ...(error.hint ? [error.hint] : []),
    ].join('\n');
  }
  if (error instanceof AppError) {
    return error.hint ? `${error.message}\n${error.hint}` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
