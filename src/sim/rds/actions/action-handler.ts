import type { SimContext } from '../runtime/sim-context.js';
import type { QueryParams } from '../wire/query-params.js';

/**
 * Handles one RDS action: validates, changes state, starts timed flows, and returns the
 * inner XML of `<ActionResult>` (undefined for actions without output).
 */
export type ActionHandler = (
  ctx: SimContext,
  params: QueryParams,
) => Promise<string | undefined> | string | undefined;
