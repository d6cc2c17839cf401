import { existsSync, readFileSync } from 'node:fs';

/** The package version, found from the sources (`src/`) and from a build (`dist/src/`) alike. */
export function packageVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(url)) {
      const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'aurora-bot' && pkg.version) return pkg.version;
    }
  }
  return '0.0.0';
}
