/** AddTagsToResource, ListTagsForResource, RemoveTagsFromResource (resources named by ARN). */
import { parseArn } from '../model/arn.js';
import {
  findDeployment,
  findParameterGroup,
  requireCluster,
  requireInstance,
} from '../model/lookups.js';
import type { SimState, SimTag } from '../model/sim-state.js';
import { invalidParameterValue, RdsFault } from '../rds-fault.js';
import type { QueryParams } from '../wire/query-params.js';
import { tagListXml } from '../wire/render-tags.js';
import type { ActionHandler } from './action-handler.js';

const RESERVED = /^(aws|rds):/i;

/** `Tags.Tag.N.Key/Value`, validated as RDS does. */
export function tagsFromParams(params: QueryParams): SimTag[] {
  return params.structs('Tags', 'Tag').map((t) => {
    const Key = t.required('Key');
    const Value = t.get('Value') ?? '';
    if (Key.length > 128 || Value.length > 256 || RESERVED.test(Key) || RESERVED.test(Value)) {
      throw invalidParameterValue(
        `Invalid tag ${Key}: keys are 1-128 characters, values up to 256, and neither may start with aws: or rds:.`,
      );
    }
    return { Key, Value };
  });
}

function taggable(state: SimState, resourceName: string): { tags: SimTag[] } {
  const parsed = parseArn(resourceName);
  if (parsed === undefined) throw invalidParameterValue(`Invalid resource name: ${resourceName}`);
  if (parsed.kind === 'cluster') return requireCluster(state, resourceName);
  if (parsed.kind === 'db') return requireInstance(state, resourceName);
  if (parsed.kind === 'cluster-pg') {
    const group = findParameterGroup(state, resourceName);
    if (group === undefined) {
      throw new RdsFault(
        'DBParameterGroupNotFound',
        `DBClusterParameterGroup not found: ${parsed.name}`,
      );
    }
    return group;
  }
  if (parsed.kind === 'deployment') {
    const d = findDeployment(state, resourceName);
    if (d === undefined) {
      throw new RdsFault(
        'BlueGreenDeploymentNotFoundFault',
        `Blue/green deployment ${parsed.name} not found.`,
      );
    }
    return d;
  }
  throw invalidParameterValue(
    `The emulator does not tag ${parsed.kind} resources: ${resourceName}`,
  );
}

export const addTagsToResource: ActionHandler = (ctx, params) => {
  const resource = taggable(ctx.state, params.required('ResourceName'));
  const merged = new Map(resource.tags.map((t) => [t.Key, t.Value]));
  for (const t of tagsFromParams(params)) merged.set(t.Key, t.Value);
  resource.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
  return undefined;
};

export const removeTagsFromResource: ActionHandler = (ctx, params) => {
  const resource = taggable(ctx.state, params.required('ResourceName'));
  const keys = params.list('TagKeys', 'member');
  resource.tags = resource.tags.filter((t) => !keys.includes(t.Key));
  return undefined;
};

export const listTagsForResource: ActionHandler = (ctx, params) =>
  tagListXml(taggable(ctx.state, params.required('ResourceName')).tags);
