import { describe, expect, it } from 'vitest';
import { formatEndpoint, parseEndpoint } from '../../src/probe/endpoint.js';

describe('parseEndpoint', () => {
  it.each([
    ['127.0.0.1:3306', { host: '127.0.0.1', port: 3306 }],
    [
      'prod.cluster-abc.ap-northeast-2.rds.amazonaws.com:3306',
      { host: 'prod.cluster-abc.ap-northeast-2.rds.amazonaws.com', port: 3306 },
    ],
    ['localhost:1', { host: 'localhost', port: 1 }],
    ['[::1]:3307', { host: '::1', port: 3307 }],
    [' db:65535 ', { host: 'db', port: 65535 }],
  ])('when given %s, then it parses', (text, expected) => {
    expect(parseEndpoint(text)).toEqual(expected);
  });

  it.each([
    'db',
    'db:',
    ':3306',
    'db:0',
    'db:65536',
    'db:33o6',
    'db:3306:1',
    '::1:3306',
    'my host:3306',
    '-db:3306',
  ])('when given %s, then it is not an endpoint', (text) => {
    expect(parseEndpoint(text)).toBeUndefined();
  });

  it('when an IPv6 endpoint is formatted, then the address is bracketed', () => {
    expect(formatEndpoint({ host: '::1', port: 3306 })).toBe('[::1]:3306');
    expect(formatEndpoint({ host: 'db', port: 3306 })).toBe('db:3306');
  });
});
