/**
 * The `value` carried by approval buttons: which run, which gate, and the gate's one-time
 * nonce. Parsing never trusts the input: anything malformed is `undefined` (a forged click).
 */
export interface GateValue {
  runId: string;
  gateId: string;
  nonce: string;
}

const MAX_FIELD = 200;

export function encodeGateValue(value: GateValue): string {
  return JSON.stringify({ runId: value.runId, gateId: value.gateId, nonce: value.nonce });
}

export function parseGateValue(text: unknown): GateValue | undefined {
  if (typeof text !== 'string' || text.length > 2000) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { runId, gateId, nonce } = data as Record<string, unknown>;
  const ok = (v: unknown): v is string =>
    typeof v === 'string' && v.length > 0 && v.length <= MAX_FIELD;
  if (!ok(runId) || !ok(gateId) || !ok(nonce)) return undefined;
  return { runId, gateId, nonce };
}
