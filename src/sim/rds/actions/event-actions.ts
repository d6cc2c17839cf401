/** DescribeEvents: by source, time window (StartTime/EndTime or Duration) and category. */
import { invalidParameterCombination, invalidParameterValue } from '../rds-fault.js';
import { paginate } from '../wire/paginate.js';
import { eventXml } from '../wire/render-misc.js';
import { leaf, list } from '../wire/xml.js';
import type { ActionHandler } from './action-handler.js';

const SOURCE_TYPES = [
  'db-instance',
  'db-cluster',
  'db-parameter-group',
  'db-security-group',
  'db-snapshot',
  'db-cluster-snapshot',
  'blue-green-deployment',
  'custom-engine-version',
  'db-proxy',
  'db-shard-group',
  'zero-etl',
];

function time(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidParameterValue(`Invalid ${name}: ${value}`);
  return ms;
}

export const describeEvents: ActionHandler = (ctx, params) => {
  const sourceType = params.get('SourceType');
  const sourceId = params.get('SourceIdentifier');
  if (sourceType !== undefined && !SOURCE_TYPES.includes(sourceType)) {
    throw invalidParameterValue(`Invalid SourceType: ${sourceType}`);
  }
  if (sourceId !== undefined && sourceType === undefined) {
    throw invalidParameterCombination('SourceType must be provided when SourceIdentifier is.');
  }
  const now = ctx.now().getTime();
  const duration = params.int('Duration');
  const end = time('EndTime', params.get('EndTime')) ?? now;
  const start = time('StartTime', params.get('StartTime')) ?? end - (duration ?? 60) * 60_000;
  const categories = params.list('EventCategories', 'EventCategory');
  const matching = ctx.state.events.filter((e) => {
    const at = Date.parse(e.date);
    return (
      at >= start &&
      at <= end &&
      (sourceType === undefined || e.sourceType === sourceType) &&
      (sourceId === undefined ||
        e.sourceIdentifier === sourceId.toLowerCase() ||
        e.sourceArn === sourceId) &&
      (categories.length === 0 || e.categories.some((c) => categories.includes(c)))
    );
  });
  const page = paginate(matching, params);
  return list('Events', 'Event', page.items, eventXml) + leaf('Marker', page.marker);
};
