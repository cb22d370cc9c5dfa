import { expect, it } from 'vitest';
import { profileProblems } from './ProfileForm';

it('names each wrong field of the sender identity with why, in words', () => {
  const problems = profileProblems({
    company: '',
    postalAddress: 'Hauptstraße 1, 10115 Berlin',
    unsubscribeBaseUrl: 'http://team.acme.test',
    unsubscribeMailto: 'not an address',
  });
  expect(problems).toEqual({
    company: 'Enter the company name recipients will recognise.',
    unsubscribeBaseUrl: 'The unsubscribe link must use https.',
    unsubscribeMailto: 'Enter the address that receives unsubscribe emails.',
  });
});
