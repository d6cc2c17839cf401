/**
 * Rules that span several keys of a world, checked after the schema so each problem can
 * name its path: one writer per cluster, unique identifiers, known parameter groups,
 * parameters and instance classes.
 */
import { familyOf, isOrderable } from '../model/orderable-classes.js';
import { findParameter, isAllowedValue } from '../model/parameter-catalog.js';
import type { ResolvedWorld } from './world-schema.js';

export const DEFAULT_PARAMETER_GROUPS = ['default.aurora-mysql8.0', 'default.aurora-mysql5.7'];

export function checkWorld(world: ResolvedWorld): string[] {
  const problems: string[] = [];
  const groups = new Map<string, string>(DEFAULT_PARAMETER_GROUPS.map((g) => [g, g.slice(8)]));
  world.parameterGroups.forEach((group, i) => {
    const at = `parameterGroups.${i}`;
    if (group.name.startsWith('default.') || groups.has(group.name.toLowerCase())) {
      problems.push(`${at}.name: duplicate or reserved name "${group.name}"`);
    }
    groups.set(group.name.toLowerCase(), group.family);
    for (const [name, value] of Object.entries(group.parameters)) {
      const definition = findParameter(name);
      if (definition === undefined) problems.push(`${at}.parameters.${name}: unknown parameter`);
      else if (!isAllowedValue(definition, value)) {
        problems.push(
          `${at}.parameters.${name}: "${value}" is not one of ${definition.allowedValues}`,
        );
      }
    }
  });
  const seen = new Set<string>();
  const claim = (kind: string, id: string, at: string) => {
    if (seen.has(`${kind}:${id}`)) problems.push(`${at}: identifier "${id}" is used twice`);
    seen.add(`${kind}:${id}`);
  };
  world.clusters.forEach((cluster, i) => {
    const at = `clusters.${i}`;
    claim('cluster', cluster.identifier, `${at}.identifier`);
    const family = groups.get(cluster.parameterGroup.toLowerCase());
    if (family === undefined) {
      problems.push(`${at}.parameterGroup: no parameter group "${cluster.parameterGroup}"`);
    } else if (family !== familyOf(cluster.engineVersion)) {
      problems.push(
        `${at}.parameterGroup: family ${family} does not match engine ${cluster.engineVersion}`,
      );
    }
    const writers = cluster.instances.filter((x) => x.role === 'writer').length;
    if (writers !== 1) problems.push(`${at}.instances: needs exactly one writer, has ${writers}`);
    cluster.instances.forEach((instance, j) => {
      claim('instance', instance.identifier, `${at}.instances.${j}.identifier`);
      if (!isOrderable(instance.class)) {
        problems.push(`${at}.instances.${j}.class: ${instance.class} is not an Aurora MySQL class`);
      }
    });
  });
  return problems;
}
