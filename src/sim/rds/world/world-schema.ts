/**
 * The world file: account, region, clusters, durations, outage profiles and faults.
 * Durations accept `500ms`, `30s`, `8m`, `1h30m` or a number of milliseconds.
 */
import { z } from 'zod';
import { durationSchema } from '../../../duration-schema.js';
import { faultSpecSchema } from './fault-schema.js';

const duration = durationSchema;

/** RDS identifiers: a letter, then letters, digits and single hyphens; stored lowercase. */
export const IDENTIFIER_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const identifier = z
  .string()
  .max(63)
  .regex(
    IDENTIFIER_PATTERN,
    'must be lowercase letters, digits and single hyphens, starting with a letter',
  );

/**
 * Control-plane durations at speed 1 (divided by `speed`). Defaults are close to what
 * Aurora takes; AWS documents none of them.
 */
const durationsSchema = z
  .strictObject({
    createInstance: duration('8m'),
    deleteInstance: duration('5m'),
    deleteCluster: duration('5m'),
    modifyInstance: duration('10m'),
    /** Associating a new cluster parameter group: members show `applying` this long. */
    modifyCluster: duration('30s'),
    rebootInstance: duration('1m'),
    failover: duration('30s'),
    /** PROVISIONING → AVAILABLE of a blue/green deployment. */
    createBlueGreen: duration('50m'),
    switchover: duration('1m'),
    deleteBlueGreen: duration('1m'),
  })
  .prefault({});

const outageProfile = (min: string, max: string) =>
  z
    .strictObject({
      /** What new connections get while the endpoint is down. */
      mode: z.enum(['refuse', 'reset', 'blackhole']).default('refuse'),
      min: duration(min),
      max: duration(max),
    })
    .prefault({})
    .refine((p) => p.min <= p.max, { message: 'min must not exceed max', path: ['max'] });

/**
 * Data-plane outages per operation, drawn uniformly from [min, max] and multiplied by
 * `outageScale` (never divided by `speed`).
 */
const outagesSchema = z
  .strictObject({
    /** RebootDBInstance: the instance endpoint (and the cluster endpoint for the writer). */
    reboot: outageProfile('3s', '6s'),
    /** FailoverDBCluster: cluster endpoints and both instances involved. */
    failover: outageProfile('10s', '15s'),
    /** In-place ModifyDBInstance of a writer (not green): writer and cluster endpoints. */
    modify: outageProfile('5m', '10m'),
    /** SwitchoverBlueGreenDeployment: every endpoint of blue and green. */
    switchover: outageProfile('20s', '30s'),
  })
  .prefault({});

const tags = z.record(z.string().min(1).max(128), z.string().max(256)).default({});

const instanceSchema = z.strictObject({
  identifier,
  class: z
    .string()
    .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an instance class such as db.r6g.large'),
  role: z.enum(['writer', 'reader']),
  promotionTier: z.number().int().min(0).max(15).default(1),
  availabilityZone: z.string().optional(),
});

const clusterSchema = z.strictObject({
  identifier,
  engineVersion: z.string().default('8.0.mysql_aurora.3.05.2'),
  parameterGroup: z.string().default('default.aurora-mysql8.0'),
  /** The members' DBClusterParameterGroupStatus at start. */
  parameterGroupStatus: z.enum(['in-sync', 'pending-reboot']).default('in-sync'),
  deletionProtection: z.boolean().default(false),
  backupRetentionPeriod: z.number().int().min(1).max(35).default(7),
  tags,
  instances: z.array(instanceSchema).min(1, 'a cluster needs at least one instance'),
});

const parameterGroupSchema = z.strictObject({
  name: z
    .string()
    .max(255)
    .regex(/^[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$/, 'must be letters, digits and single hyphens'),
  family: z.enum(['aurora-mysql8.0', 'aurora-mysql5.7']).default('aurora-mysql8.0'),
  description: z.string().default('custom cluster parameter group'),
  parameters: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).default({}),
  tags,
});

export const worldSchema = z.strictObject({
  account: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'))
    .default('123456789012'),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as ap-northeast-2')
    .default('ap-northeast-2'),
  durations: durationsSchema,
  outages: outagesSchema,
  parameterGroups: z.array(parameterGroupSchema).default([]),
  clusters: z.array(clusterSchema).default([]),
  faults: faultSpecSchema.prefault({}),
});

/** A world as written in YAML or passed in code: every key with a default may be left out. */
export type World = z.input<typeof worldSchema>;
/** A validated world with every default filled in; durations in ms. */
export type ResolvedWorld = z.output<typeof worldSchema>;
export type WorldCluster = ResolvedWorld['clusters'][number];
export type WorldInstance = WorldCluster['instances'][number];
export type OutageOperation = keyof ResolvedWorld['outages'];
export type OutageProfile = ResolvedWorld['outages'][OutageOperation];
