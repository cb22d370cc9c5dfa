import { simpleParser } from 'mailparser';
import { cappedRep } from './capped-rep';
import { expect, test } from './fixtures';
import { go } from './rep-steps';
import { addToSequence, createSequence, moveClocks } from './sequence-steps';

// Editing a running sequence, as the rep meets it: after step 1 went to Ana, the rep removes that step and
// rewords the next. Before anything is written the editor says what happens to Ana (she keeps step 1 as sent
// and gets the old step 2, reworded, next); then that step goes out once, with the new words — a removed
// sent step must not make the next one reuse its send key (the journal would call it a duplicate and send
// nothing) — and the last step follows. Counted at the SMTP server.

const LEAD = 'ana@prospect.test';
const NAME = 'Edit run';
// Tuesday 5 January 2027, 10:00 in this machine's zone (main and Chromium share it)
const START = new Date(2027, 0, 5, 10, 0).getTime();
const THURSDAY_9_30 = new Date(2027, 0, 7, 9, 30).getTime();
const MONDAY_9_30 = new Date(2027, 0, 11, 9, 30).getTime();

test('a running sequence edited: the rep sees what happens to each lead, and no step is lost or sent twice', async ({
  context,
}) => {
  test.setTimeout(180_000);
  const { host, page } = await cappedRep(context, {
    start: START,
    cap: 20,
    lead: { email: LEAD, firstName: 'Ana' },
  });
  try {
    const { mail } = host;
    await createSequence(page, {
      name: NAME,
      sender: mail.sender.address,
      steps: [
        { subject: 'Hello {{ first_name }}', message: '<p>Hi {{ first_name }}, a short question.</p>' },
        { waitDays: 2, message: '<p>Bringing this back up.</p>' },
        { waitDays: 2, message: '<p>One last note from me.</p>' },
      ],
    });
    await addToSequence(page, ['Ana'], NAME);
    await expect.poll(() => mail.smtp.received.length, { timeout: 30_000 }).toBe(1);

    // The rep opens the running sequence, removes the step Ana already had and rewords the next one
    await go(page, 'Sequences');
    await page
      .getByRole('table', { name: 'Sequences' })
      .getByRole('button', { name: NAME, exact: true })
      .click();
    await page.getByRole('button', { name: 'Remove Step 1' }).click();
    const first = page.getByRole('region', { name: 'Step 1' });
    // the step that now starts the thread needs a subject of its own
    await first.getByLabel('Subject', { exact: true }).fill('Following up, {{ first_name }}');
    await first.getByLabel('Message', { exact: true }).fill('<p>A fresh nudge about my question.</p>');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    // Before saving: what the change does to Ana, in words
    const panel = page.getByRole('alertdialog', { name: 'What this change does to enrolled leads' });
    await expect(panel).toContainText(
      '1 lead has had step 1; after this change they get step 1 (was step 2) next.',
    );
    await expect(panel).toContainText('Removed step 1: the leads who had it keep it as sent.');
    expect(mail.smtp.received).toHaveLength(1);
    await panel.getByRole('button', { name: 'Save the change' }).click();
    await expect(panel).toBeHidden();

    // Thursday: the reworded step goes once, a new thread under its own subject
    await moveClocks(host, page, THURSDAY_9_30);
    await expect.poll(() => mail.smtp.received.length, { timeout: 30_000 }).toBe(2);
    const second = await simpleParser(mail.smtp.received[1]!.raw);
    expect(second.subject).toBe('Following up, Ana');
    expect(second.text).toContain('A fresh nudge about my question.');

    // Monday, two business days on: the last step; nothing else, nothing twice
    await moveClocks(host, page, MONDAY_9_30);
    await expect.poll(() => mail.smtp.received.length, { timeout: 30_000 }).toBe(3);
    const third = await simpleParser(mail.smtp.received[2]!.raw);
    expect(third.text).toContain('One last note from me.');
    await context.clock.fastForward(3_600_000);
    await page.waitForTimeout(2_000);
    const texts = await Promise.all(
      mail.smtp.received.map(async (m) => (await simpleParser(m.raw)).text ?? ''),
    );
    expect(texts.filter((t) => t.includes('a short question'))).toHaveLength(1);
    expect(mail.smtp.received).toHaveLength(3);
  } finally {
    await host.close();
  }
});
