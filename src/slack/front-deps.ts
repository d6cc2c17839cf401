import type { ClusterConfig, Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { LiveClusterState } from './blocks/clusters.js';
import type { EnginePort } from './engine-port.js';
import type { SlackPolicy } from './policy/slack-policy.js';

/** What the Slack handlers need; built once by `start` (or a test). */
export interface FrontDeps {
  config: Pick<Config, 'clusters' | 'slack'>;
  engine: EnginePort;
  policy: SlackPolicy;
  logger: Logger;
  /** Live class and state of a cluster from AWS; only ever called after the ack. */
  describeCluster?: (cluster: ClusterConfig) => Promise<LiveClusterState>;
  /** Clock in ms since the epoch. */
  now: () => number;
}
