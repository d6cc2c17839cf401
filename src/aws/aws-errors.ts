/**
 * Turns AWS SDK errors into the project's vocabulary: transient ones (throttling, 5xx, network)
 * are retried by parking the run; permanent ones fail the step with AWS's code, its message and
 * a hint saying what to check.
 */
import { AppError } from '../errors.js';

/** Worth retrying later: throttling, AWS-side errors, network trouble. */
export class TransientAwsError extends AppError {}

/** AWS refused the request for a reason that retrying will not fix. */
export class AwsError extends AppError {
  readonly awsCode: string;
  constructor(awsCode: string, message: string, hint?: string, cause?: unknown) {
    super(`aws_${awsCode}`, message, { ...(hint === undefined ? {} : { hint }), cause });
    this.awsCode = awsCode;
  }
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
]);
const NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'TimeoutError',
]);

/** Connection errors raised before a request could leave: AWS cannot have seen it. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

const HINTS: Record<string, string> = {
  SourceClusterNotSupportedFault:
    'Blue/green needs a custom cluster parameter group with binlog_format on, the writer in-sync with it (reboot the writer), backups on, and no Secrets-Manager-managed master password.',
  SourceDatabaseNotSupportedFault:
    'Check the engine version supports blue/green and that the target parameter groups match the source (e.g. lower_case_table_names).',
  InvalidDBClusterStateFault:
    'The cluster is busy (modifying, failing over, backing up…). Wait until it is available, then resume the run.',
  InvalidDBInstanceStateFault:
    'An instance is not available. Wait until it is, then resume the run.',
  InvalidBlueGreenDeploymentStateFault:
    'The blue/green deployment is not in a state that allows this. Check its status and StatusDetails in the console.',
  BlueGreenDeploymentAlreadyExistsFault:
    'A deployment with this name exists; the bot reuses deployments it created, so this one belongs to someone else.',
  InsufficientDBInstanceCapacityFault:
    'AWS has no capacity for this instance class in the availability zone right now. Try another class or try again later.',
  InstanceQuotaExceededFault:
    'The account reached its DB instance quota. Ask AWS for a higher quota or delete unused instances.',
  DBClusterQuotaExceededFault:
    'The account reached its DB cluster quota; blue/green needs room for one more cluster.',
  DBClusterNotFoundFault: 'Check clusterIdentifier and region in the bot configuration.',
  DBInstanceNotFoundFault:
    'An instance the run relies on no longer exists; someone may have changed the cluster by hand.',
  AccessDenied:
    'The bot’s IAM role lacks a permission; see the README’s IAM section for the action list.',
  AccessDeniedException:
    'The bot’s IAM role lacks a permission; see the README’s IAM section for the action list.',
  InvalidParameterCombination:
    'AWS rejected the combination of parameters; see the message for which.',
};

/** A throttling answer: RDS did nothing, so even a mutating call may simply be sent again. */
export function isThrottling(error: unknown): boolean {
  const e = (error ?? {}) as {
    name?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
  };
  return (
    THROTTLING.has(e.name ?? '') ||
    THROTTLING.has(e.code ?? '') ||
    e.$metadata?.httpStatusCode === 429
  );
}

/**
 * Whether AWS may have carried out a call that failed this way: no answer came (network, timeout)
 * or AWS failed on its side. A refusal (a client fault, throttling) means nothing was done.
 */
export function mayHaveBeenCarriedOut(error: unknown): boolean {
  if (error instanceof AwsError) return false;
  if (error instanceof TransientAwsError) {
    const cause = (error.cause ?? {}) as SdkLikeError;
    return !isThrottling(cause) && !NEVER_SENT.has(cause.code ?? cause.name ?? '');
  }
  return true;
}

/** The hint for an AWS error code, if the project knows one. */
export function hintFor(code: string): string | undefined {
  return HINTS[code];
}

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

/** Classifies anything the SDK threw. */
export function classifyAwsError(error: unknown, action: string): TransientAwsError | AwsError {
  const e = (error ?? {}) as SdkLikeError;
  const code = e.name ?? e.code ?? 'UnknownError';
  const status = e.$metadata?.httpStatusCode;
  const message = `${action}: ${code}: ${e.message ?? String(error)}`;
  if (
    THROTTLING.has(code) ||
    NETWORK.has(code) ||
    (e.code !== undefined && NETWORK.has(e.code)) ||
    e.$fault === 'server' ||
    (status !== undefined && status >= 500) ||
    (status === undefined && e.$fault === undefined)
  ) {
    return new TransientAwsError(`aws_transient_${code}`, message, { cause: error });
  }
  return new AwsError(code, message, hintFor(code), error);
}
