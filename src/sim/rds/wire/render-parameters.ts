/** Cluster parameter groups and their parameters. */
import { arn } from '../model/arn.js';
import type { ParameterDefinition } from '../model/parameter-catalog.js';
import type { SimParameterGroup, SimState } from '../model/sim-state.js';
import { leaves, textList } from './xml.js';

export function parameterGroupXml(state: SimState, group: SimParameterGroup): string {
  return leaves({
    DBClusterParameterGroupName: group.name,
    DBParameterGroupFamily: group.family,
    Description: group.description,
    DBClusterParameterGroupArn: arn(state, 'cluster-pg', group.name),
  });
}

export interface ParameterView {
  definition: ParameterDefinition;
  value: string | undefined;
  source: 'engine-default' | 'user';
  applyMethod: string;
}

export function parameterXml(p: ParameterView): string {
  return [
    leaves({
      ParameterName: p.definition.name,
      ParameterValue: p.value,
      Description: p.definition.description,
      Source: p.source,
      ApplyType: p.definition.applyType,
      DataType: p.definition.dataType,
      AllowedValues: p.definition.allowedValues,
      IsModifiable: p.definition.isModifiable,
      ApplyMethod: p.applyMethod,
    }),
    textList('SupportedEngineModes', 'member', ['provisioned']),
  ].join('');
}
