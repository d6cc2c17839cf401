/**
 * An RDS API error as it travels on the wire: the official `<Code>` and HTTP status, so the
 * real SDK throws its own exception class. Kept apart from src/errors.ts on purpose: these
 * codes are AWS's vocabulary (CamelCase, fixed by the SDK's registry), not the project's.
 */

/** HTTP status per wire code (reference §5); codes not listed answer 400. */
export const WIRE_STATUS: Readonly<Record<string, number>> = {
  DBClusterNotFoundFault: 404,
  DBInstanceNotFound: 404,
  DBClusterParameterGroupNotFound: 404,
  DBParameterGroupNotFound: 404,
  BlueGreenDeploymentNotFoundFault: 404,
  DBSubnetGroupNotFoundFault: 404,
  ResourceNotFoundFault: 404,
  DBClusterQuotaExceededFault: 403,
  MissingAuthenticationToken: 403,
  InvalidClientTokenId: 403,
  AccessDenied: 403,
  InternalFailure: 500,
  ServiceUnavailable: 503,
};

export class RdsFault extends Error {
  /** The wire code, e.g. `DBInstanceNotFound`. */
  readonly code: string;
  /** HTTP status sent with it. */
  readonly status: number;
  constructor(code: string, message: string, status?: number) {
    super(message);
    this.name = 'RdsFault';
    this.code = code;
    this.status = status ?? WIRE_STATUS[code] ?? 400;
  }

  /** `Sender` for client faults, `Receiver` for server faults, as AWS reports it. */
  get type(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

export const invalidParameterValue = (message: string) =>
  new RdsFault('InvalidParameterValue', message);

export const invalidParameterCombination = (message: string) =>
  new RdsFault('InvalidParameterCombination', message);

export const clusterNotFound = (id: string) =>
  new RdsFault('DBClusterNotFoundFault', `DBCluster ${id} not found.`);

export const instanceNotFound = (id: string) =>
  new RdsFault('DBInstanceNotFound', `DBInstance ${id} not found.`);

export const invalidClusterState = (message: string) =>
  new RdsFault('InvalidDBClusterStateFault', message);

export const invalidInstanceState = (message: string) =>
  new RdsFault('InvalidDBInstanceState', message);

export const invalidDeploymentState = (message: string) =>
  new RdsFault('InvalidBlueGreenDeploymentStateFault', message);
