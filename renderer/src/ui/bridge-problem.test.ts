import { expect, it } from 'vitest';
import type { Handlers } from '../../../shared/ipc/dispatch';
import { dispatch } from '../../../shared/ipc/dispatch';
import { bridgeProblem } from './bridge-problem';

// The dispatcher's real refusal of a real channel, not a copy of its wording: if that changes, this fails.
async function refusal(request: unknown) {
  const result = await dispatch({} as Handlers, 'settings.setProfile', request, { transport: 'ipc' });
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

it('names the refused field by its label, in words, with no channel name or path', async () => {
  const error = await refusal({
    company: 'Acme GmbH',
    postalAddress: 'Hauptstraße 1, 10115 Berlin',
    unsubscribeBaseUrl: 'http://team.acme.test',
    unsubscribeMailto: 'optout@acme.test',
  });
  const problem = bridgeProblem(error, { unsubscribeBaseUrl: 'Team server address' });
  expect(problem.field).toBe('unsubscribeBaseUrl');
  expect(problem.fieldReason).toBe('The unsubscribe link must use https.');
  expect(problem.text).toBe('Team server address: The unsubscribe link must use https.');
  expect(problem.text).not.toMatch(/settings\.|Invalid request|unsubscribeBaseUrl/);
  expect(problem.details).toContain('invalid-input');
});

it('keeps main’s own words for every other refusal and words the ones a rep cannot act on', () => {
  expect(bridgeProblem({ code: 'auth-expired', message: 'Sign in to Google again.' }).text).toBe(
    'Sign in to Google again.',
  );
  expect(bridgeProblem({ code: 'unknown-channel', message: 'No such call: x.y' }).text).not.toContain('x.y');
  const generic = bridgeProblem({
    code: 'invalid-input',
    message: 'Invalid request for mailboxes.update at id: Invalid input: expected string, received number',
  });
  expect(generic.text).toBe('Fairsend could not save this: this value is not accepted');
});
