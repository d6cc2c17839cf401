/**
 * DescribeDBClusterParameterGroups, DescribeDBClusterParameters,
 * CreateDBClusterParameterGroup, ModifyDBClusterParameterGroup, DeleteDBClusterParameterGroup.
 */
import { arn } from '../model/arn.js';
import { findParameterGroup, membersOf } from '../model/lookups.js';
import { CLUSTER_PARAMETERS, findParameter, isAllowedValue } from '../model/parameter-catalog.js';
import { recordEvent } from '../model/record-event.js';
import type { SimParameterGroup, SimState } from '../model/sim-state.js';
import { invalidParameterCombination, invalidParameterValue, RdsFault } from '../rds-fault.js';
import { readFilters } from '../wire/filters.js';
import { paginate } from '../wire/paginate.js';
import { type ParameterView, parameterGroupXml, parameterXml } from '../wire/render-parameters.js';
import { leaf, leaves, list, node } from '../wire/xml.js';
import type { ActionHandler } from './action-handler.js';
import { tagsFromParams } from './tag-actions.js';

const GROUP_QUOTA = 100;
const NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$/;
const FAMILIES = ['aurora-mysql8.0', 'aurora-mysql5.7'];

function requireGroup(state: SimState, name: string): SimParameterGroup {
  const group = findParameterGroup(state, name);
  if (group === undefined) {
    throw new RdsFault('DBParameterGroupNotFound', `DBClusterParameterGroup not found: ${name}`);
  }
  return group;
}

export const describeDBClusterParameterGroups: ActionHandler = (ctx, params) => {
  const name = params.get('DBClusterParameterGroupName');
  const groups = name === undefined ? ctx.state.parameterGroups : [requireGroup(ctx.state, name)];
  const page = paginate(groups, params);
  return (
    list('DBClusterParameterGroups', 'DBClusterParameterGroup', page.items, (g) =>
      parameterGroupXml(ctx.state, g),
    ) + leaf('Marker', page.marker)
  );
};

export const describeDBClusterParameters: ActionHandler = (ctx, params) => {
  const group = requireGroup(ctx.state, params.required('DBClusterParameterGroupName'));
  const source = params.get('Source');
  if (source !== undefined && !['engine-default', 'system', 'user'].includes(source)) {
    throw invalidParameterValue(`Invalid Source: ${source}`);
  }
  const names = readFilters(params, ['parameter-name']).flatMap((f) => f.values);
  const views: ParameterView[] = CLUSTER_PARAMETERS.map((definition) => {
    const set = group.parameters[definition.name];
    return {
      definition,
      value: set?.value ?? definition.defaultValue,
      source: set ? ('user' as const) : ('engine-default' as const),
      applyMethod: set?.applyMethod ?? 'pending-reboot',
    };
  }).filter(
    (v) =>
      (source === undefined || v.source === source) &&
      (names.length === 0 || names.includes(v.definition.name)),
  );
  const page = paginate(views, params);
  return list('Parameters', 'Parameter', page.items, parameterXml) + leaf('Marker', page.marker);
};

export const createDBClusterParameterGroup: ActionHandler = (ctx, params) => {
  const name = params.required('DBClusterParameterGroupName');
  const family = params.required('DBParameterGroupFamily');
  const description = params.required('Description');
  if (!NAME_PATTERN.test(name) || name.length > 255 || name.toLowerCase().startsWith('default')) {
    throw invalidParameterValue(
      `The parameter DBClusterParameterGroupName is not a valid identifier: ${name}`,
    );
  }
  if (!FAMILIES.includes(family)) {
    throw invalidParameterValue(
      `DBParameterGroupFamily ${family} is not supported; use aurora-mysql8.0.`,
    );
  }
  if (findParameterGroup(ctx.state, name) !== undefined) {
    throw new RdsFault('DBParameterGroupAlreadyExists', `Parameter group ${name} already exists`);
  }
  if (ctx.state.parameterGroups.filter((g) => !g.isDefault).length >= GROUP_QUOTA) {
    throw new RdsFault('DBParameterGroupQuotaExceeded', 'Quota of parameter groups exceeded');
  }
  const group: SimParameterGroup = {
    name,
    family,
    description,
    isDefault: false,
    parameters: {},
    tags: tagsFromParams(params),
  };
  ctx.state.parameterGroups.push(group);
  return node('DBClusterParameterGroup', parameterGroupXml(ctx.state, group));
};

export const modifyDBClusterParameterGroup: ActionHandler = (ctx, params) => {
  const group = requireGroup(ctx.state, params.required('DBClusterParameterGroupName'));
  if (group.isDefault) {
    throw new RdsFault(
      'InvalidDBParameterGroupState',
      `Default parameter group ${group.name} cannot be modified.`,
    );
  }
  const changes = params.structs('Parameters', 'Parameter');
  if (changes.length === 0) throw new RdsFault('MissingParameter', 'Parameters must not be empty.');
  if (changes.length > 20)
    throw invalidParameterValue('At most 20 parameters can be modified in one request.');
  const parsed = changes.map((p) => {
    const name = p.required('ParameterName');
    const value = p.required('ParameterValue');
    const applyMethod = p.required('ApplyMethod');
    const definition = findParameter(name);
    if (definition === undefined)
      throw invalidParameterValue(`Could not find parameter with name: ${name}`);
    if (!definition.isModifiable)
      throw invalidParameterValue(`The parameter ${name} cannot be modified.`);
    if (!isAllowedValue(definition, value)) {
      throw invalidParameterValue(
        `Value: ${value} is not allowed for source type: user. Allowed values: ${definition.allowedValues}`,
      );
    }
    if (applyMethod !== 'immediate' && applyMethod !== 'pending-reboot') {
      throw invalidParameterValue(`Invalid ApplyMethod: ${applyMethod}`);
    }
    if (applyMethod === 'immediate' && definition.applyType === 'static') {
      throw invalidParameterCombination(
        `cannot use immediate apply method for static parameter ${name}`,
      );
    }
    return { name, value, applyMethod };
  });
  const needsReboot = parsed.some(
    (p) => p.applyMethod === 'pending-reboot' && group.parameters[p.name]?.value !== p.value,
  );
  for (const p of parsed) group.parameters[p.name] = { value: p.value, applyMethod: p.applyMethod };
  for (const cluster of ctx.state.clusters.filter((c) => c.parameterGroup === group.name)) {
    if (!needsReboot) continue;
    for (const m of membersOf(ctx.state, cluster)) m.parameterGroupStatus = 'pending-reboot';
  }
  recordEvent(
    ctx.state,
    ctx.now(),
    'parameterGroupModified',
    {
      sourceType: 'db-parameter-group',
      sourceIdentifier: group.name,
      sourceArn: arn(ctx.state, 'cluster-pg', group.name),
    },
    parsed
      .map((p) => `Updated parameter ${p.name} to ${p.value} with apply method ${p.applyMethod}`)
      .join('; '),
  );
  return leaves({ DBClusterParameterGroupName: group.name });
};

export const deleteDBClusterParameterGroup: ActionHandler = (ctx, params) => {
  const group = requireGroup(ctx.state, params.required('DBClusterParameterGroupName'));
  if (group.isDefault || ctx.state.clusters.some((c) => c.parameterGroup === group.name)) {
    throw new RdsFault(
      'InvalidDBParameterGroupState',
      `Parameter group ${group.name} is a default group or in use.`,
    );
  }
  ctx.state.parameterGroups.splice(ctx.state.parameterGroups.indexOf(group), 1);
  return undefined;
};
