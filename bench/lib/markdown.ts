/** Markdown fragments shared by the suites' sections. */
import type { Target } from './scenario.js';

export function table(header: readonly string[], rows: readonly (readonly unknown[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map((c) => String(c)).join(' | ')} |`),
  ];
}

export function targetLines(targets: readonly Target[]): string[] {
  return targets.map((t) => `- ${t.ok ? 'met' : '**MISSED**'}: ${t.name} (${t.detail})`);
}
