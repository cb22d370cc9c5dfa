import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addLead, go, readyToSend } from './rep-steps';

// A typed email is never lost without a question: Escape or Cancel asks (keep as draft, discard, go back),
// a kept draft survives a reload and comes back when Compose opens for the lead, the lead's details say it
// is there, a send the server refuses keeps it, and one that reaches the SMTP server (counted there) removes it.

const LEAD = 'ana@prospect.test';
const SUBJECT = 'A question about your outbound team';
const BODY = 'Hi Ana,\n\nI lead sales at Acme. Would a short call next week help your outbound team?\n\nRita';

function details(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Lead details' });
}

async function openLead(page: Page) {
  await go(page, 'Leads');
  await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Ana/ }).click();
  await expect(details(page).getByRole('heading', { name: 'Ana' })).toBeVisible();
}

async function openCompose(page: Page) {
  await details(page).getByRole('button', { name: 'Compose' }).click();
  const dialog = page.getByRole('dialog', { name: 'New email' });
  await expect(dialog.getByLabel('To', { exact: true })).toHaveValue(LEAD);
  return dialog;
}

const question = (page: Page) => page.getByRole('dialog', { name: 'Keep this email as a draft?' });

test('a typed email is kept as a draft when Compose closes, and goes once it is sent', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  const { mail } = host;

  await readyToSend(page, mail);
  await addLead(page, { email: LEAD, firstName: 'Ana' });

  // 1. Type an email and press Escape: asked, with "Keep as draft" the default; going back keeps typing
  await openLead(page);
  let compose = await openCompose(page);
  await compose.getByLabel('Subject').fill(SUBJECT);
  await compose.getByLabel('Message').fill(BODY);
  await compose.getByLabel('Message').press('Escape');
  await expect(question(page)).toBeVisible();
  await expect(question(page).getByRole('button', { name: 'Keep as draft' })).toBeFocused();
  await question(page).getByRole('button', { name: 'Go back to editing' }).click();
  await expect(question(page)).toBeHidden();
  await expect(compose.getByLabel('Message')).toHaveValue(BODY);
  await compose.getByLabel('Message').press('Escape');
  await question(page).getByRole('button', { name: 'Keep as draft' }).click();
  await expect(compose).toBeHidden();
  await expect(details(page)).toContainText(`Draft: ${SUBJECT}`);

  // 2. A reload (a new window) keeps it: the lead says so, and Compose opens with it
  await page.reload();
  await openLead(page);
  await expect(details(page)).toContainText(`Draft: ${SUBJECT}`);
  await details(page).getByRole('button', { name: 'Open the draft' }).click();
  compose = page.getByRole('dialog', { name: 'New email' });
  await expect(compose.getByRole('status').filter({ hasText: /Draft from .+ restored/ })).toBeVisible();
  await expect(compose.getByLabel('Subject')).toHaveValue(SUBJECT);
  await expect(compose.getByLabel('Message')).toHaveValue(BODY);
  // nothing changed since it was kept: closing asks nothing
  await compose.getByRole('button', { name: 'Cancel' }).click();
  await expect(compose).toBeHidden();
  await expect(question(page)).toBeHidden();

  // The Outbox lists it, and its Compose brings it back once the lead is picked
  await go(page, 'Outbox');
  const draftList = page.getByRole('list', { name: 'Drafts' });
  await expect(draftList.getByRole('listitem')).toHaveCount(1);
  await expect(draftList).toContainText(SUBJECT);
  await expect(draftList).toContainText(LEAD);
  await page.getByRole('button', { name: 'New email' }).click();
  compose = page.getByRole('dialog', { name: 'New email' });
  await compose.getByLabel(/search your leads/).fill('ana');
  await compose
    .getByRole('list', { name: 'Matching leads' })
    .getByRole('button', { name: new RegExp(LEAD) })
    .click();
  await expect(compose.getByLabel('Subject')).toHaveValue(SUBJECT);
  await expect(compose.getByLabel('Message')).toHaveValue(BODY);
  await compose.getByRole('button', { name: 'Cancel' }).click();
  await expect(compose).toBeHidden();

  // 3. Typed text is saved as the rep types: a window closed without an answer still has it
  await openLead(page);
  compose = await openCompose(page);
  await compose.getByLabel('Message').fill(`${BODY}\n\nP.S. Tuesday works for me.`);
  await page.waitForTimeout(1_500); // the autosave waits 500 ms after the last key
  await page.reload();
  await openLead(page);
  compose = await openCompose(page);
  await expect(compose.getByLabel('Message')).toHaveValue(`${BODY}\n\nP.S. Tuesday works for me.`);

  // 4. Cancel → Discard: gone from the lead, and Compose opens empty
  await compose.getByLabel('Subject').fill(`${SUBJECT}?`);
  await compose.getByRole('button', { name: 'Cancel' }).click();
  await question(page).getByRole('button', { name: 'Discard' }).click();
  await expect(compose).toBeHidden();
  await expect(details(page)).not.toContainText('Draft:');
  compose = await openCompose(page);
  await expect(compose.getByLabel('Subject')).toHaveValue('');
  await expect(compose.getByLabel('Message')).toHaveValue('');
  await expect(compose.getByText(/Draft from/)).toHaveCount(0);

  // 5. Type and send, the server refusing it for now: not sent, and the draft stays for another try
  const before = mail.smtp.received.length;
  const from = compose.getByLabel('From');
  await from.selectOption(
    (await from.locator('option', { hasText: mail.sender.address }).getAttribute('value')) ?? '',
  );
  await compose.getByLabel('Subject').fill(SUBJECT);
  await compose.getByLabel('Message').fill(BODY);
  const verdict = compose.getByRole('region', { name: 'Compliance check' }).getByTestId('gate-verdict');
  await expect(verdict).toHaveText(/OK|Warning/, { timeout: 20_000 });
  mail.smtp.misbehaveNext({ action: 'reject', code: 451, message: 'Try again later' });
  await compose.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(compose).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole('status').getByText(/Your email is kept as a draft/)).toBeVisible();
  expect(mail.smtp.received.length).toBe(before);
  await expect(details(page)).toContainText(`Draft: ${SUBJECT}`);

  // 6. Sent for real: the SMTP server receives it once, and the draft is gone
  compose = await openCompose(page);
  await expect(compose.getByLabel('Message')).toHaveValue(BODY);
  await expect(verdict).toHaveText(/OK|Warning/, { timeout: 20_000 });
  await compose.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(compose).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole('status').getByText(`Sent to ${LEAD}.`)).toBeVisible();
  expect(mail.smtp.received.length).toBe(before + 1);
  expect(mail.smtp.received[before]?.to).toEqual([LEAD]);
  await expect(details(page)).not.toContainText('Draft:');
  await page.reload();
  await openLead(page);
  await expect(details(page)).not.toContainText('Draft:');
  compose = await openCompose(page);
  await expect(compose.getByLabel('Subject')).toHaveValue('');
  await expect(compose.getByLabel('Message')).toHaveValue('');
  // nothing typed: closing asks nothing
  await page.keyboard.press('Escape');
  await expect(compose).toBeHidden();
  await expect(question(page)).toBeHidden();
  await go(page, 'Outbox');
  await expect(page.getByRole('list', { name: 'Drafts' })).toHaveCount(0);
});
