/** Marker/MaxRecords paging of Describe calls. The marker is an opaque offset. */
import { invalidParameterValue } from '../rds-fault.js';
import type { QueryParams } from './query-params.js';

export interface Page<T> {
  items: T[];
  marker: string | undefined;
}

export function paginate<T>(
  items: readonly T[],
  params: QueryParams,
  limits: { min: number; max: number } = { min: 20, max: 100 },
): Page<T> {
  const max = params.int('MaxRecords') ?? Math.min(100, limits.max);
  if (max < limits.min || max > limits.max) {
    throw invalidParameterValue(
      `Invalid value ${max} for MaxRecords. Must be between ${limits.min} and ${limits.max}`,
    );
  }
  const marker = params.get('Marker');
  let offset = 0;
  if (marker !== undefined && marker !== '') {
    const decoded = Buffer.from(marker, 'base64url').toString('utf8');
    const match = /^offset:(\d+)$/.exec(decoded);
    if (!match) throw invalidParameterValue(`Invalid marker: ${marker}`);
    offset = Number(match[1]);
  }
  const end = offset + max;
  return {
    items: items.slice(offset, end),
    marker: end < items.length ? Buffer.from(`offset:${end}`).toString('base64url') : undefined,
  };
}
