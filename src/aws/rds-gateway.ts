/**
 * The narrow port through which the bot talks to RDS: the reads the steps need, and `mutate`
 * for the one change a step makes. Every call waits for the shared budget, is counted, and has
 * its errors classified. The SDK is configured only by its standard chain, so
 * `AWS_ENDPOINT_URL_RDS` points it at the emulator with no special code here.
 */
import {
  type BlueGreenDeployment,
  type DBCluster,
  type DBClusterParameterGroup,
  type DBInstance,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBClusterParameterGroupsCommand,
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeOrderableDBInstanceOptionsCommand,
  type Parameter,
  RDSClient,
} from '@aws-sdk/client-rds';
import type { Metrics } from '../metrics.js';
import { classifyAwsError, isThrottling } from './aws-errors.js';
import type { RdsBudget } from './rds-budget.js';

export interface MutationResult<T> {
  output: T;
  requestId: string;
}

export interface RdsGateway {
  describeCluster(id: string): Promise<DBCluster | undefined>;
  describeInstances(clusterId: string): Promise<DBInstance[]>;
  describeInstance(id: string): Promise<DBInstance | undefined>;
  findDeploymentByName(name: string): Promise<BlueGreenDeployment | undefined>;
  clusterParameterGroup(name: string): Promise<DBClusterParameterGroup | undefined>;
  /** Every cluster in the region (paginated). */
  listClusters(): Promise<DBCluster[]>;
  clusterParameter(group: string, name: string): Promise<Parameter | undefined>;
  isOrderable(engineVersion: string, instanceClass: string): Promise<boolean>;
  /** Sends one mutating command; the caller has looked before acting. */
  mutate<T>(action: string, command: SendableCommand): Promise<MutationResult<T>>;
}

/** Any `@aws-sdk/client-rds` command instance. */
export type SendableCommand = { readonly input: object; readonly middlewareStack: unknown };

/** Attempts of a call that RDS keeps throttling (each retry waits up to ~8 s) before the step parks. */
const THROTTLE_ATTEMPTS = 10;

const NOT_FOUND = new Set([
  'DBClusterNotFoundFault',
  'DBInstanceNotFoundFault',
  'BlueGreenDeploymentNotFoundFault',
  'DBParameterGroupNotFoundFault',
  'DBClusterParameterGroupNotFoundFault',
]);

export function createRdsGateway(options: {
  region: string;
  budget: RdsBudget;
  metrics?: Metrics;
  client?: RDSClient;
  abortSignal?: AbortSignal;
}): RdsGateway {
  const client = options.client ?? new RDSClient({ region: options.region });
  // why: the SDK resends a request whose answer was lost (reset, timeout, 5xx), which for a call
  // AWS already carried out is a second reboot or switchover. A mutating call is sent once; the
  // step's own retry looks at AWS before it acts again.
  const mutationClient =
    options.client ?? new RDSClient({ region: options.region, maxAttempts: 1 });

  async function call<T>(
    action: string,
    command: SendableCommand,
    via: RDSClient = client,
  ): Promise<T & { $metadata: { requestId?: string } }> {
    await options.budget.take();
    try {
      // why: the SDK's send() overloads are generic per command; the gateway is generic over all of them.
      const output = (await via.send(command as never)) as T & {
        $metadata: { requestId?: string };
      };
      options.metrics?.rdsCalls.inc({ action, outcome: 'ok' });
      return output;
    } catch (error) {
      const name = (error as { name?: string }).name ?? 'UnknownError';
      options.metrics?.rdsCalls.inc({ action, outcome: name });
      throw error;
    }
  }

  /**
   * Sends `command`, and sends it again while RDS throttles it (with jittered backoff). A
   * throttled request was refused before RDS did anything, so this is safe even for a mutating
   * call; it keeps a steady throttle from starving the one mutation that follows a step's reads.
   */
  async function withThrottleRetry<T>(send: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        if (!isThrottling(error) || attempt >= THROTTLE_ATTEMPTS) throw error;
        const backoff = Math.min(250 * 2 ** attempt, 8000);
        await new Promise((resolve) => setTimeout(resolve, backoff / 2 + Math.random() * backoff));
      }
    }
  }

  async function read<T>(action: string, command: SendableCommand): Promise<T | undefined> {
    try {
      return await withThrottleRetry(() => call<T>(action, command));
    } catch (error) {
      if (NOT_FOUND.has((error as { name?: string }).name ?? '')) return undefined;
      throw classifyAwsError(error, action);
    }
  }

  return {
    async describeCluster(id) {
      const out = await read<{ DBClusters?: DBCluster[] }>(
        'DescribeDBClusters',
        new DescribeDBClustersCommand({ DBClusterIdentifier: id }),
      );
      return out?.DBClusters?.[0];
    },
    async describeInstances(clusterId) {
      const instances: DBInstance[] = [];
      let marker: string | undefined;
      do {
        const out = await read<{ DBInstances?: DBInstance[]; Marker?: string }>(
          'DescribeDBInstances',
          new DescribeDBInstancesCommand({
            Filters: [{ Name: 'db-cluster-id', Values: [clusterId] }],
            ...(marker ? { Marker: marker } : {}),
          }),
        );
        instances.push(...(out?.DBInstances ?? []));
        marker = out?.Marker;
      } while (marker);
      return instances;
    },
    async describeInstance(id) {
      const out = await read<{ DBInstances?: DBInstance[] }>(
        'DescribeDBInstances',
        new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }),
      );
      return out?.DBInstances?.[0];
    },
    async findDeploymentByName(name) {
      const out = await read<{ BlueGreenDeployments?: BlueGreenDeployment[] }>(
        'DescribeBlueGreenDeployments',
        new DescribeBlueGreenDeploymentsCommand({
          Filters: [{ Name: 'blue-green-deployment-name', Values: [name] }],
        }),
      );
      return out?.BlueGreenDeployments?.find((d) => d.BlueGreenDeploymentName === name);
    },
    async clusterParameterGroup(name) {
      const out = await read<{ DBClusterParameterGroups?: DBClusterParameterGroup[] }>(
        'DescribeDBClusterParameterGroups',
        new DescribeDBClusterParameterGroupsCommand({ DBClusterParameterGroupName: name }),
      );
      return out?.DBClusterParameterGroups?.[0];
    },
    async listClusters() {
      const clusters: DBCluster[] = [];
      let marker: string | undefined;
      do {
        const out = await read<{ DBClusters?: DBCluster[]; Marker?: string }>(
          'DescribeDBClusters',
          new DescribeDBClustersCommand(marker ? { Marker: marker } : {}),
        );
        clusters.push(...(out?.DBClusters ?? []));
        marker = out?.Marker;
      } while (marker);
      return clusters;
    },
    async clusterParameter(group, name) {
      let marker: string | undefined;
      do {
        const out = await read<{ Parameters?: Parameter[]; Marker?: string }>(
          'DescribeDBClusterParameters',
          new DescribeDBClusterParametersCommand({
            DBClusterParameterGroupName: group,
            Filters: [{ Name: 'parameter-name', Values: [name] }],
            ...(marker ? { Marker: marker } : {}),
          }),
        );
        const found = out?.Parameters?.find((p) => p.ParameterName === name);
        if (found) return found;
        marker = out?.Marker;
      } while (marker);
      return undefined;
    },
    async isOrderable(engineVersion, instanceClass) {
      const out = await read<{ OrderableDBInstanceOptions?: unknown[] }>(
        'DescribeOrderableDBInstanceOptions',
        new DescribeOrderableDBInstanceOptionsCommand({
          Engine: 'aurora-mysql',
          EngineVersion: engineVersion,
          DBInstanceClass: instanceClass,
        }),
      );
      return (out?.OrderableDBInstanceOptions?.length ?? 0) > 0;
    },
    async mutate<T>(action: string, command: SendableCommand) {
      try {
        const output = await withThrottleRetry(() => call<T>(action, command, mutationClient));
        return { output, requestId: output.$metadata.requestId ?? 'unknown' };
      } catch (error) {
        throw classifyAwsError(error, action);
      }
    },
  };
}
