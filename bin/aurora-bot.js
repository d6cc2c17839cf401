#!/usr/bin/env node
// In a checkout the TypeScript sources run through tsx, so `npx aurora-bot` works right
// after `npm ci` and never runs a stale build; an installed package runs its build.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  await import(new URL('../dist/src/main.js', import.meta.url).href);
}
