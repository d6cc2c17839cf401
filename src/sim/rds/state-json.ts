/** The full emulator state as JSON (`GET /_sim/state`): world, faults and live endpoints. */
import type { SimContext } from './runtime/sim-context.js';
import { memberStatus } from './wire/render-deployment.js';

export function stateJson(ctx: SimContext, settings: { speed: number }): unknown {
  const { state } = ctx;
  return structuredClone({
    speed: settings.speed,
    outageScale: ctx.outageScale,
    account: state.account,
    region: state.region,
    port: state.port,
    clusters: state.clusters,
    instances: state.instances,
    parameterGroups: state.parameterGroups,
    deployments: state.deployments.map((d) => ({
      ...d,
      members: d.members.map((m) => ({ ...m, status: memberStatus(state, d, m) })),
    })),
    snapshots: state.snapshots,
    events: state.events,
    faults: ctx.faults.current(),
    endpoints: ctx.dataPlane.endpoints(),
  });
}
