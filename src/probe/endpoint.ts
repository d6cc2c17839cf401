import type { Endpoint } from './types.js';

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$/;

/**
 * Parses `HOST:PORT` (`[IPv6]:PORT` for IPv6 addresses) with a port from 1 to 65535.
 * Returns undefined when the text is not such an endpoint.
 */
export function parseEndpoint(text: string): Endpoint | undefined {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(text.trim());
  if (!match) return undefined;
  const host = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return undefined;
  if (match[2] !== undefined && !HOSTNAME.test(host)) return undefined;
  return { host, port };
}

/** `host:port`, bracketing IPv6 addresses. */
export function formatEndpoint(endpoint: Endpoint): string {
  return endpoint.host.includes(':')
    ? `[${endpoint.host}]:${endpoint.port}`
    : `${endpoint.host}:${endpoint.port}`;
}
