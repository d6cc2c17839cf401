/** `Filters.Filter.N.Name` / `Filters.Filter.N.Values.Value.M`, validated against known names. */
import { invalidParameterValue } from '../rds-fault.js';
import type { QueryParams } from './query-params.js';

export interface Filter {
  name: string;
  values: string[];
}

export function readFilters(params: QueryParams, known: readonly string[]): Filter[] {
  return params.structs('Filters', 'Filter').map((f) => {
    const name = f.required('Name');
    if (!known.includes(name)) {
      throw invalidParameterValue(
        `Unrecognized filter name: ${name}. Supported filters: ${known.join(', ')}`,
      );
    }
    return { name, values: f.list('Values', 'Value') };
  });
}

/** Keeps items for which every filter matches one of its values (case-insensitive). */
export function applyFilters<T>(
  items: readonly T[],
  filters: readonly Filter[],
  valuesOf: (item: T, filterName: string) => readonly string[],
): T[] {
  return items.filter((item) =>
    filters.every((f) => {
      const wanted = f.values.map((v) => v.toLowerCase());
      return valuesOf(item, f.name).some((v) => wanted.includes(v.toLowerCase()));
    }),
  );
}
