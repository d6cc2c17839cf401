import type { SimTag } from '../model/sim-state.js';
import { leaves, list } from './xml.js';

export function tagListXml(tags: readonly SimTag[]): string {
  return list('TagList', 'Tag', tags, (t) => leaves({ Key: t.Key, Value: t.Value }));
}
