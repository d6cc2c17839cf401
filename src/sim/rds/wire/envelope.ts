/** The awsQuery response envelopes (reference §8). */
import type { RdsFault } from '../rds-fault.js';
import { escapeXml, leaf } from './xml.js';

export const XMLNS = 'http://rds.amazonaws.com/doc/2014-10-31/';

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…`; no Result when undefined. */
export function successXml(action: string, result: string | undefined, requestId: string): string {
  const body = result === undefined ? '' : `<${action}Result>${result}</${action}Result>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${XMLNS}">${body}<ResponseMetadata>${leaf('RequestId', requestId)}</ResponseMetadata></${action}Response>\n`;
}

export function errorXml(fault: Pick<RdsFault, 'type' | 'code' | 'message'>, requestId: string) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${XMLNS}"><Error><Type>${fault.type}</Type><Code>${escapeXml(fault.code)}</Code><Message>${escapeXml(fault.message)}</Message></Error>${leaf('RequestId', requestId)}</ErrorResponse>\n`;
}
