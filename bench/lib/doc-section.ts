/**
 * Writes one scenario's section of a Markdown document between `<!-- name:start -->` and
 * `<!-- name:end -->`, under a `## ` heading that sits outside the markers (so suites that
 * replace a whole `## ` section, like the probe benchmark, never swallow another's markers).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function replaceMarked(
  current: string,
  name: string,
  heading: string,
  body: string,
): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  if (from !== -1 && to > from) {
    return `${current.slice(0, from)}${block}${current.slice(to + end.length)}`;
  }
  return `${current.trimEnd()}\n\n## ${heading}\n\n${block}\n`;
}

/** Replaces (or appends) the section; creates the file with `header` when it does not exist. */
export function writeMarkedSection(
  path: string,
  header: string,
  name: string,
  heading: string,
  body: string,
): void {
  mkdirSync(dirname(path), { recursive: true });
  const current = existsSync(path) ? readFileSync(path, 'utf8') : header;
  const next = replaceMarked(current, name, heading, body);
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
}
