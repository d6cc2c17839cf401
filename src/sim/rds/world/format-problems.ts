import type { z } from 'zod';

/** One line per zod issue, `path.to.key: message`, in the style of src/config.ts. */
export function formatProblems(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const message =
      issue.code === 'invalid_type' && issue.input === undefined
        ? 'required'
        : issue.code === 'unrecognized_keys'
          ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : issue.message;
    return path ? `${path}: ${message}` : message;
  });
}
