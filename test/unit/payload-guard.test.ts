import { describe, expect, it } from 'vitest';
import { hasNonObjectPayload } from '../../src/slack/payload-guard.js';

describe('hasNonObjectPayload', () => {
  it.each([
    ['payload=null', true],
    ['payload=7', true],
    ['payload=%5B1%5D', true],
    ['payload=%22x%22', true],
    ['payload=%7B%22type%22%3A%22view_submission%22%7D', false],
    ['payload=%7Bnot-json', false],
    ['command=%2Faurora&text=help', false],
    [
      `payload=${encodeURIComponent('{"type":"block_actions","actions":{},"user":{"id":"U1"}}')}`,
      true,
    ],
    [`payload=${encodeURIComponent('{"type":"block_actions","actions":[],"user":null}')}`, true],
    [
      `payload=${encodeURIComponent('{"type":"block_actions","actions":[],"user":{"id":"U1"}}')}`,
      false,
    ],
    [
      `payload=${encodeURIComponent('{"type":"block_actions","actions":[],"user":{"id":"U1"},"channel":null}')}`,
      true,
    ],
    [
      `payload=${encodeURIComponent('{"type":"block_actions","actions":[],"user":{"id":"U1"},"channel":{"id":"C1"}}')}`,
      false,
    ],
    ['', false],
  ])('when the form body is %j, then it is %s', (body, expected) => {
    expect(hasNonObjectPayload(body)).toBe(expected);
  });
});
