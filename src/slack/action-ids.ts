/**
 * Every `action_id` the bot puts on a button, shared by the Block Kit builders and the handlers
 * so the two can never drift apart.
 */
export const ACTION_IDS = {
  approve: 'aurora_gate_approve',
  reject: 'aurora_gate_reject',
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];
