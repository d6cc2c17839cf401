/**
 * Reads and validates world files. Invalid worlds throw one {@link ConfigError} that lists
 * every problem with its path, like the bot's configuration.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { ConfigError } from '../../../errors.js';
import { checkWorld } from './check-world.js';
import { formatProblems } from './format-problems.js';
import { type ResolvedWorld, type World, worldSchema } from './world-schema.js';

/** Path of the shipped default world (ap-northeast-2, prod-db and staging-db). */
export function defaultWorldPath(): string {
  const sibling = fileURLToPath(new URL('./default-world.yaml', import.meta.url));
  // why: tsc does not copy YAML into dist/, so a built copy reads the one in src/.
  if (existsSync(sibling)) return sibling;
  return fileURLToPath(
    new URL('../../../../../src/sim/rds/world/default-world.yaml', import.meta.url),
  );
}

/** Validates a world given as an object; throws ConfigError listing every problem. */
export function resolveWorld(world: World, source = 'world'): ResolvedWorld {
  const parsed = worldSchema.safeParse(world, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(
      `${source} has ${parsed.error.issues.length} problem(s):`,
      formatProblems(parsed.error.issues),
    );
  }
  const problems = checkWorld(parsed.data);
  if (problems.length > 0) {
    throw new ConfigError(`${source} has ${problems.length} problem(s):`, problems);
  }
  return parsed.data;
}

/** Parses world YAML text; `source` names it in messages. */
export function parseWorldText(text: string, source: string): ResolvedWorld {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const line = e.linePos?.[0];
      return `${line ? `line ${line.line}, column ${line.col}: ` : ''}${e.message.split(' at line')[0]}`;
    });
    throw new ConfigError(`${source} is not valid YAML:`, problems);
  }
  return resolveWorld((doc.toJS() ?? {}) as World, source);
}

/** Reads a world file; throws ConfigError when it is missing or invalid. */
export function readWorldFile(path: string): ResolvedWorld {
  if (!existsSync(path)) {
    throw new ConfigError(
      `World file not found: ${path}`,
      [],
      `Start from the default world: cp ${defaultWorldPath()} my-world.yaml`,
    );
  }
  return parseWorldText(readFileSync(path, 'utf8'), path);
}

/** A World object, a path to a world file, or the default world when absent. */
export function loadWorld(world: World | string | undefined): ResolvedWorld {
  if (world === undefined) return readWorldFile(defaultWorldPath());
  return typeof world === 'string' ? readWorldFile(world) : resolveWorld(world);
}
