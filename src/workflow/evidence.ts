import { createHash } from 'node:crypto';
import type { Evidence } from './types.js';

/**
 * Evidence for a gate: the facts shown to the approver. The digest covers exactly these facts,
 * so if any of them changes between the prompt and the decision, the approval is refused and
 * the gate re-armed with the new facts.
 */
export function makeEvidence(facts: readonly string[]): Evidence {
  return {
    lines: [...facts],
    digest: createHash('sha256').update(facts.join('\n')).digest('hex').slice(0, 16),
  };
}
