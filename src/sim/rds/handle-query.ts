/**
 * One RDS API request, from form body to XML: authentication header, throttling, unknown
 * actions, injected failures, then the action handler. Never throws.
 */
import { ACTIONS } from './actions/action-registry.js';
import { RdsFault } from './rds-fault.js';
import type { SimContext } from './runtime/sim-context.js';
import { errorXml, successXml } from './wire/envelope.js';
import { parseQueryBody } from './wire/query-params.js';

export interface QueryRequest {
  body: string;
  authorization: string | undefined;
  requestId: string;
}

export interface QueryResponse {
  status: number;
  xml: string;
  action: string;
  params: Record<string, string>;
  /** `ok` or the error code answered. */
  outcome: string;
}

async function dispatch(
  ctx: SimContext,
  request: QueryRequest,
  action: string,
  body: ReturnType<typeof parseQueryBody>,
) {
  if (request.authorization === undefined || request.authorization === '') {
    throw new RdsFault('MissingAuthenticationToken', 'Request is missing Authentication Token');
  }
  if (ctx.faults.throttled(ctx.now().getTime())) throw new RdsFault('Throttling', 'Rate exceeded');
  const handler = ACTIONS[action];
  if (handler === undefined) {
    throw new RdsFault(
      'InvalidAction',
      `Could not find operation ${action} for version 2014-10-31`,
    );
  }
  const injected = ctx.faults.takeFailure(action);
  if (injected !== undefined) throw new RdsFault(injected.code, injected.message, injected.status);
  return handler(ctx, body);
}

export async function handleQuery(ctx: SimContext, request: QueryRequest): Promise<QueryResponse> {
  const body = parseQueryBody(request.body);
  const action = body.get('Action') ?? '';
  const { Action: _action, Version: _version, ...params } = body.entries();
  try {
    const result = await dispatch(ctx, request, action, body);
    return {
      status: 200,
      xml: successXml(action, result, request.requestId),
      action,
      params,
      outcome: 'ok',
    };
  } catch (error) {
    const fault =
      error instanceof RdsFault
        ? error
        : new RdsFault(
            'InternalFailure',
            'The request processing has failed because of an unknown error.',
          );
    if (!(error instanceof RdsFault)) ctx.logger.error({ err: error, action }, 'action failed');
    return {
      status: fault.status,
      xml: errorXml(fault, request.requestId),
      action,
      params,
      outcome: fault.code,
    };
  }
}
