import { resizeGreen } from '../src/workflow/resize.js';
import type { Step } from '../src/workflow/step.js';

/** Resizes whatever green instance is still small: the former writer (or the only writer). */
export const resizeGreenWriter: Step = {
  name: 'resize-green-writer',
  title: 'Resize the former green writer',
  execute: (ctx) =>
    resizeGreen(
      ctx,
      (green) =>
        (green.DBClusterMembers ?? [])
          .map((m) => m.DBInstanceIdentifier)
          .filter((id): id is string => !!id),
      'green',
    ),
};
