/** What the engine's verifyAudit answers. */
export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/** `✔ hash chain intact (42 entries)` or `✘ hash chain broken at entry #7: …`, plain text. */
export function verificationLine(v: AuditVerification): string {
  return v.ok
    ? `✔ hash chain intact: ${v.entries} entries verified`
    : `✘ hash chain BROKEN at entry #${v.brokenAt} of ${v.entries}: ${v.reason}`;
}
