/** DescribePendingMaintenanceActions: the emulator schedules no maintenance, so the list is empty. */
import { readFilters } from '../wire/filters.js';
import { leaf, list } from '../wire/xml.js';
import type { ActionHandler } from './action-handler.js';

export const describePendingMaintenanceActions: ActionHandler = (_ctx, params) => {
  readFilters(params, ['db-cluster-id', 'db-instance-id']);
  return (
    list('PendingMaintenanceActions', 'ResourcePendingMaintenanceActions', [], () => '') +
    leaf('Marker', undefined)
  );
};
