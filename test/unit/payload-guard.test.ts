import { describe, expect, it } from 'vitest';
import { hasNonObjectPayload } from '../../src/slack/payload-guard.js';

describe('hasNonObjectPayload', () => {
  it.each([
    ['payload=null', true],
    ['payload=7', true],
    ['payload=%5B1%5D', true],
    ['payload=%22x%22', true],
    ['payload=%7B%22type%22%3A%22block_actions%22%7D', false],
    ['payload=%7Bnot-json', false],
    ['command=%2Faurora&text=help', false],
    ['', false],
  ])('when the form body is %j, then it is %s', (body, expected) => {
    expect(hasNonObjectPayload(body)).toBe(expected);
  });
});
