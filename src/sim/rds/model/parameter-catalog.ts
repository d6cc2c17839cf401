/**
 * The cluster parameters the emulator models. `binlog_format` is static, as on Aurora MySQL:
 * a change only takes effect after the writer reboots.
 */
export interface ParameterDefinition {
  name: string;
  description: string;
  /** Engine default; absent when the engine decides at runtime. */
  defaultValue?: string;
  applyType: 'static' | 'dynamic';
  dataType: 'string' | 'integer' | 'boolean';
  /** Comma-separated values, or a `min-max` range for integers. */
  allowedValues: string;
  isModifiable: boolean;
}

export const CLUSTER_PARAMETERS: readonly ParameterDefinition[] = [
  {
    name: 'aurora_binlog_replication_max_yield_seconds',
    description: 'Controls the number of seconds that binary log dump thread waits.',
    defaultValue: '0',
    applyType: 'dynamic',
    dataType: 'integer',
    allowedValues: '0-36000',
    isModifiable: true,
  },
  {
    name: 'binlog_checksum',
    description: 'Include checksum for log events in the binary log.',
    defaultValue: 'CRC32',
    applyType: 'dynamic',
    dataType: 'string',
    allowedValues: 'NONE,CRC32',
    isModifiable: true,
  },
  {
    name: 'binlog_format',
    description: 'Binary logging format for replication.',
    defaultValue: 'OFF',
    applyType: 'static',
    dataType: 'string',
    allowedValues: 'ROW,STATEMENT,MIXED,OFF',
    isModifiable: true,
  },
  {
    name: 'binlog_row_image',
    description: 'Whether to log full or minimal row images.',
    defaultValue: 'full',
    applyType: 'dynamic',
    dataType: 'string',
    allowedValues: 'full,minimal,noblob',
    isModifiable: true,
  },
  {
    name: 'character_set_server',
    description: 'The server default character set.',
    applyType: 'dynamic',
    dataType: 'string',
    allowedValues: 'big5,latin1,ascii,utf8,utf8mb3,utf8mb4,binary',
    isModifiable: true,
  },
  {
    name: 'event_scheduler',
    description: 'Enable the event scheduler.',
    defaultValue: 'OFF',
    applyType: 'dynamic',
    dataType: 'string',
    allowedValues: 'ON,OFF',
    isModifiable: true,
  },
  {
    name: 'lower_case_table_names',
    description: 'How table and database names are stored and compared.',
    defaultValue: '0',
    applyType: 'static',
    dataType: 'integer',
    allowedValues: '0,1',
    isModifiable: true,
  },
  {
    name: 'server_audit_logging',
    description: 'Enables auditing.',
    defaultValue: '0',
    applyType: 'dynamic',
    dataType: 'boolean',
    allowedValues: '0,1',
    isModifiable: true,
  },
  {
    name: 'time_zone',
    description: 'The server time zone.',
    applyType: 'dynamic',
    dataType: 'string',
    allowedValues: 'UTC,Asia/Seoul,Asia/Tokyo,Europe/London,US/Eastern,US/Pacific',
    isModifiable: true,
  },
];

export function findParameter(name: string): ParameterDefinition | undefined {
  return CLUSTER_PARAMETERS.find((p) => p.name === name);
}

/** Whether `value` is allowed for `definition` (list or integer range). */
export function isAllowedValue(definition: ParameterDefinition, value: string): boolean {
  const range = /^(\d+)-(\d+)$/.exec(definition.allowedValues);
  if (range) {
    if (!/^\d+$/.test(value)) return false;
    const n = Number(value);
    return n >= Number(range[1]) && n <= Number(range[2]);
  }
  return definition.allowedValues.split(',').includes(value);
}
