/** The step registry: a new step is one file in jobs/ and one line here. */
import type { Step } from '../src/workflow/step.js';
import type { StepName } from '../src/workflow/types.js';
import { addReader } from './add-reader.js';
import { cancelCleanup } from './cancel-cleanup.js';
import { cleanupOld } from './cleanup-old.js';
import { createGreen } from './create-green.js';
import { deleteDeployment } from './delete-deployment.js';
import { failover } from './failover.js';
import { failoverGreen } from './failover-green.js';
import { finishOldWriter } from './finish-old-writer.js';
import { modifyReaders } from './modify-readers.js';
import { modifyWriter } from './modify-writer.js';
import { parameterGroup } from './parameter-group.js';
import { preflight } from './preflight.js';
import { rebootWriter } from './reboot-writer.js';
import { resizeGreenReaders } from './resize-green-readers.js';
import { resizeGreenWriter } from './resize-green-writer.js';
import { switchover } from './switchover.js';
import { verify } from './verify.js';

export const STEPS: Record<StepName, Step> = {
  preflight,
  'parameter-group': parameterGroup,
  'reboot-writer': rebootWriter,
  'create-green': createGreen,
  'resize-green-readers': resizeGreenReaders,
  'failover-green': failoverGreen,
  'resize-green-writer': resizeGreenWriter,
  switchover,
  verify,
  'delete-deployment': deleteDeployment,
  'cleanup-old': cleanupOld,
  'add-reader': addReader,
  failover,
  'finish-old-writer': finishOldWriter,
  'modify-writer': modifyWriter,
  'modify-readers': modifyReaders,
  'cancel-cleanup': cancelCleanup,
};
