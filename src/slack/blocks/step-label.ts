import type { Run, StepName } from '../../workflow/types.js';
import { esc } from '../mrkdwn.js';

/** `Step 3/11: Create green` (escaped), or just the title when the step is not in the run. */
export function stepLabel(run: Run, step: StepName, title?: string): string {
  const index = run.steps.findIndex((s) => s.name === step);
  const name = esc(title ?? run.steps[index]?.title ?? step);
  return index >= 0 ? `Step ${index + 1}/${run.steps.length}: ${name}` : name;
}
