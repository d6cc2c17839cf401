/**
 * Reading an awsQuery form body. Lists come as `Name.Item.N` (the member's xmlName, what
 * @aws-sdk/client-rds sends) or `Name.member.N` (other tools); both are accepted.
 */
import { invalidParameterValue, RdsFault } from '../rds-fault.js';

export interface QueryParams {
  get(name: string): string | undefined;
  /** The value, or a `MissingParameter` fault. */
  required(name: string): string;
  bool(name: string): boolean | undefined;
  int(name: string): number | undefined;
  /** A list of scalars: `Name.Item.1`, `Name.Item.2`, … */
  list(name: string, item: string): string[];
  /** A list of structures, each read with the same interface. */
  structs(name: string, item: string): QueryParams[];
  /** Every parameter, e.g. for the call log. */
  entries(): Record<string, string>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function indexed(
  values: ReadonlyMap<string, string>,
  name: string,
  item: string,
  rest: boolean,
): Map<number, Map<string, string>> {
  const pattern = new RegExp(
    `^${escapeRegExp(name)}\\.(?:${escapeRegExp(item)}|member)\\.(\\d+)${rest ? '\\.(.+)' : ''}$`,
  );
  const groups = new Map<number, Map<string, string>>();
  for (const [key, value] of values) {
    const match = pattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const group = groups.get(index) ?? new Map<string, string>();
    group.set(rest ? (match[2] ?? '') : '', value);
    groups.set(index, group);
  }
  return new Map([...groups].sort(([a], [b]) => a - b));
}

export function createQueryParams(values: ReadonlyMap<string, string>): QueryParams {
  const self: QueryParams = {
    get: (name) => values.get(name),
    required(name) {
      const value = values.get(name);
      if (value === undefined || value === '') {
        throw new RdsFault('MissingParameter', `The request must contain the parameter ${name}`);
      }
      return value;
    },
    bool(name) {
      const value = values.get(name);
      if (value === undefined) return undefined;
      if (value === 'true' || value === 'false') return value === 'true';
      throw invalidParameterValue(`Invalid value for ${name}: ${value} (expected true or false)`);
    },
    int(name) {
      const value = values.get(name);
      if (value === undefined) return undefined;
      if (!/^-?\d+$/.test(value))
        throw invalidParameterValue(`Invalid value for ${name}: ${value}`);
      return Number(value);
    },
    list: (name, item) =>
      [...indexed(values, name, item, false).values()].map((g) => g.get('') ?? ''),
    structs: (name, item) =>
      [...indexed(values, name, item, true).values()].map((g) => createQueryParams(g)),
    entries: () => Object.fromEntries(values),
  };
  return self;
}

/** Parses a form body; `Action` and `Version` stay in the map. */
export function parseQueryBody(body: string): QueryParams {
  const map = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(body)) map.set(key, value);
  return createQueryParams(map);
}
