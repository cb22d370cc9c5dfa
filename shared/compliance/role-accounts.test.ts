import { describe, expect, it } from 'vitest';
import { isRoleAccount } from './role-accounts';

describe('isRoleAccount', () => {
  it.each([
    ['info', true],
    ['sales', true],
    ['support', true],
    ['admin', true],
    ['noreply', true],
    ['no-reply', true],
    ['no.reply', true], // separators read alike
    ['no_reply', true],
    ['postmaster', true],
    ['abuse', true],
    ['sales+emea', true], // a tag does not make it personal
    ['vertrieb', true],
    ['jane', false],
    ['jane.doe', false],
    ['sales.jane', false],
    ['salesforce', false],
    ['information.security.jane', false],
  ])('%s → %s', (local, expected) => {
    expect(isRoleAccount(local)).toBe(expected);
  });
});
