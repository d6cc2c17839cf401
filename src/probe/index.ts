/** The outage probe's public API, used by the workflow during disruptive steps and by the CLI. */
export { formatEndpoint, parseEndpoint } from './endpoint.js';
export { findOutages, type OutageWindow } from './outage.js';
export { type Probe, startProbe } from './probe.js';
export { formatProbeSummary } from './summary.js';
export type {
  Endpoint,
  EndpointReport,
  ErrorClass,
  LatencyReport,
  OutageReport,
  ProbeOptions,
  ProbeReport,
  ReaderReport,
  Sample,
  WritesReport,
} from './types.js';
