/**
 * The one place that reads `process.env` and the YAML configuration file. Everything else
 * receives a validated, frozen {@link Config}. Validation collects every problem, each with
 * its path, so a user fixes the file in one go.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { durationSchema } from './duration-schema.js';
import { ConfigError } from './errors.js';

export const STRATEGIES = ['bluegreen', 'failover', 'inplace'] as const;
export type Strategy = (typeof STRATEGIES)[number];

const duration = durationSchema;

const slackPrincipal = z
  .string()
  .regex(/^[USW][A-Z0-9]{2,}$/, 'must be a Slack user ID (U…/W…) or user-group ID (S…)');

const probeSchema = z.strictObject({
  user: z.string().min(1),
  passwordEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be the NAME of an environment variable holding the password')
    .optional(),
  database: z.string().min(1).default('aurora_probe'),
  intervalMs: z.number().int().min(10).max(10_000).default(100),
  settle: duration('10s'),
});

const clusterSchema = z.strictObject({
  clusterIdentifier: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9-]{0,62}$/, 'must be an RDS cluster identifier'),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as ap-northeast-2'),
  environment: z.string().min(1),
  requesters: z.array(slackPrincipal).default([]),
  approvers: z.array(slackPrincipal).default([]),
  twoPersonRule: z.boolean().optional(),
  strategy: z.enum(STRATEGIES).optional(),
  probe: probeSchema.optional(),
});

const defaultsSchema = z
  .strictObject({
    strategy: z.enum(STRATEGIES).default('bluegreen'),
    approvalTimeout: duration('4h'),
    pollInterval: duration('30s'),
    greenPollInterval: duration('60s'),
    binlogFormat: z.enum(['ROW', 'MIXED', 'STATEMENT']).default('ROW'),
    switchoverTimeout: z.number().int().min(30).max(3600).default(300),
    finalSnapshot: z.boolean().default(true),
    rdsRequestsPerSecond: z.number().positive().max(100).default(4),
  })
  .prefault({});

const slackSchema = z
  .strictObject({
    defaultChannel: z.string().optional(),
    approverCacheTtl: duration('5m'),
  })
  .prefault({});

const fileSchema = z
  .strictObject({
    defaults: defaultsSchema,
    slack: slackSchema,
    clusters: z.record(
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'alias must be lowercase letters, digits and hyphens'),
      clusterSchema,
    ),
  })
  .check(
    z.superRefine(
      (file, ctx) => {
        // why: cross-field rules run even when other fields are invalid, so one pass lists every
        // problem; the input may therefore be partly malformed and is read defensively.
        const clusters = (file as { clusters?: unknown }).clusters;
        if (typeof clusters !== 'object' || clusters === null) return;
        const seenIds = new Map<string, string>();
        for (const [alias, raw] of Object.entries(
          clusters as Record<string, Partial<z.infer<typeof clusterSchema>>>,
        )) {
          if (typeof raw !== 'object' || raw === null) continue;
          if (
            raw.environment === 'production' &&
            (!Array.isArray(raw.approvers) || raw.approvers.length === 0)
          ) {
            ctx.addIssue({
              code: 'custom',
              path: ['clusters', alias, 'approvers'],
              message: 'a production cluster needs at least one approver',
            });
          }
          if (typeof raw.clusterIdentifier !== 'string' || typeof raw.region !== 'string') continue;
          const key = `${raw.region}/${raw.clusterIdentifier}`;
          const other = seenIds.get(key);
          if (other !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['clusters', alias, 'clusterIdentifier'],
              message: `same cluster as alias "${other}" (${key})`,
            });
          }
          seenIds.set(key, alias);
        }
      },
      { when: () => true },
    ),
  );

const envSchema = z.object({
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .default('redis://127.0.0.1:6379'),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must start with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must start with xapp-').optional(),
  SLACK_API_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AURORA_BOT_CONFIG: z.string().default('./aurora-bot.yaml'),
  AURORA_BOT_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}-]+$/)
    .default('aurora'),
});

export type EnvConfig = z.infer<typeof envSchema>;
export type FileConfig = z.infer<typeof fileSchema>;
export type Defaults = FileConfig['defaults'];
export type ClusterConfig = z.infer<typeof clusterSchema> & {
  /** The name users type, e.g. `prod-db`. */
  alias: string;
  /** The two-person rule after defaults: on for production unless switched off. */
  twoPersonRule: boolean;
  /** The probe password resolved from `probe.passwordEnv`, if that variable is set. */
  probePassword: string | undefined;
};
export interface Config {
  env: EnvConfig;
  configPath: string;
  defaults: Defaults;
  slack: FileConfig['slack'];
  clusters: Readonly<Record<string, ClusterConfig>>;
}

type Env = Record<string, string | undefined>;

function formatIssues(issues: readonly z.core.$ZodIssue[], prefix: string[] = []): string[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)].join('.');
    const message =
      issue.code === 'invalid_type' && issue.input === undefined
        ? 'required'
        : issue.code === 'unrecognized_keys'
          ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : issue.message;
    return path ? `${path}: ${message}` : message;
  });
}

/** Validates the environment variables; throws {@link ConfigError} listing every problem. */
export function loadEnv(env: Env = process.env): EnvConfig {
  const parsed = envSchema.safeParse(env, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError('Invalid environment:', formatIssues(parsed.error.issues));
  }
  return parsed.data;
}

/** Parses and validates configuration text; throws {@link ConfigError} listing every problem. */
export function parseConfigText(
  text: string,
  source: string,
  env: Env = process.env,
): Omit<Config, 'env' | 'configPath'> {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const line = e.linePos?.[0];
      const where = line ? `line ${line.line}, column ${line.col}: ` : '';
      const message =
        e.code === 'DUPLICATE_KEY'
          ? 'duplicate key (each cluster alias must be unique)'
          : e.message.split(' at line')[0];
      return `${where}${message}`;
    });
    throw new ConfigError(`${source} is not valid YAML:`, problems);
  }
  const parsed = fileSchema.safeParse(doc.toJS() ?? {}, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(
      `${source} has ${parsed.error.issues.length} problem(s):`,
      formatIssues(parsed.error.issues),
    );
  }
  // why: no prototype, so an alias such as `__proto__` or `constructor` typed in Slack finds nothing.
  const clusters: Record<string, ClusterConfig> = Object.create(null);
  for (const [alias, cluster] of Object.entries(parsed.data.clusters)) {
    clusters[alias] = Object.freeze({
      ...cluster,
      alias,
      twoPersonRule: cluster.twoPersonRule ?? cluster.environment === 'production',
      probePassword: cluster.probe?.passwordEnv ? env[cluster.probe.passwordEnv] : undefined,
    });
  }
  return {
    defaults: parsed.data.defaults,
    slack: parsed.data.slack,
    clusters: Object.freeze(clusters),
  };
}

/**
 * Loads the whole configuration: environment first, then the YAML file it names
 * (or `configPath` when given, as `--config` does).
 */
export function loadConfig(options: { env?: Env; configPath?: string } = {}): Config {
  const envVars = options.env ?? process.env;
  const env = loadEnv(envVars);
  const configPath = resolve(options.configPath ?? env.AURORA_BOT_CONFIG);
  if (!existsSync(configPath)) {
    throw new ConfigError(
      `Configuration file not found: ${configPath}`,
      [],
      'Create one from the example: cp aurora-bot.example.yaml aurora-bot.yaml (or pass --config FILE, or set AURORA_BOT_CONFIG).',
    );
  }
  const file = parseConfigText(readFileSync(configPath, 'utf8'), configPath, envVars);
  return Object.freeze({ env, configPath, ...file });
}

/**
 * The value of the environment variable `name` (for secrets a command line names with a
 * `--…-env VAR` option), or undefined when it is unset or empty.
 */
export function readSecretEnv(name: string, env: Env = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}
