import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addLead, go, readyToSend } from './rep-steps';

// A rep builds a three-step sequence: a typo in a template is pointed out at its line and column as they type
// and fixed, the schedule is set, a lead's preview shows exactly what the gate would send (subject filled in,
// footer with the postal address, the unsubscribe link), and the list shows it with its counts; then the rep
// duplicates, renames and archives.

const LEAD = 'ana@prospect.test';
const NAME = 'Q1 intro';

const step = (page: Page, n: number): Locator => page.getByRole('region', { name: `Step ${n}` });

async function fillStep(page: Page, n: number, email: { subject?: string; message: string }) {
  if (email.subject !== undefined)
    await step(page, n).getByLabel('Subject', { exact: true }).fill(email.subject);
  await step(page, n).getByLabel('Message', { exact: true }).fill(email.message);
}

test('a rep builds a three-step sequence, previews it for a lead and manages it in the list', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  const { mail } = host;
  await readyToSend(page, mail);
  await addLead(page, { email: LEAD, firstName: 'Ana' });

  // 1. A new sequence opens in the editor with one step
  await go(page, 'Sequences');
  await page.getByRole('button', { name: 'New sequence' }).click();
  await expect(page.getByRole('heading', { name: 'New sequence', level: 1 })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(NAME);

  // 2. Typos are shown at their line and column while typing, and go when fixed
  await fillStep(page, 1, {
    subject: 'Hi {{ first_name }}',
    message: '<p>Hi {{ first_name }},</p>\n<p>{{ compnay }}</p>',
  });
  const problems = step(page, 1).getByRole('list', { name: 'Problems in the message' });
  await expect(problems).toHaveText(
    'Line 2, column 7: No lead field, column or sender field is called compnay.',
  );
  // saving waits until it reads
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const blocked = page.getByRole('alert').filter({ hasText: 'Fix these before saving' });
  await expect(blocked).toContainText(
    'Step 1, message: Line 2, column 7: No lead field, column or sender field is called compnay.',
  );
  await step(page, 1)
    .getByLabel('Message', { exact: true })
    .fill('<p>Hi {{ first_name }},</p>\n<p>{{ company | default: "your team"  </p>');
  await expect(problems).toContainText(/^Line 2, column \d+: /);
  await step(page, 1)
    .getByLabel('Message', { exact: true })
    .fill('<p>Hi {{ first_name }},</p>\n<p>A short call about {{ company | default: "your team" }}?</p>');
  await expect(problems).toBeHidden();
  await expect(blocked).toBeHidden();

  // 3. Two more steps: a follow-up in the thread after 3 business days, then a new thread
  await page.getByRole('button', { name: 'Add a step' }).click();
  await page.getByRole('button', { name: 'Add a step' }).click();
  await expect(step(page, 3)).toBeVisible();
  await expect(step(page, 1).getByLabel('New thread')).toHaveCount(0);
  await step(page, 2).getByLabel(/^Wait/).fill('3');
  await expect(step(page, 2).getByLabel('Reply in the same thread')).toBeChecked();
  await expect(step(page, 2).getByLabel('Subject', { exact: true })).toHaveCount(0);
  await step(page, 2).getByLabel('Message', { exact: true }).fill('<p>Just checking in, ');
  await step(page, 2).getByLabel('Insert a variable').selectOption({ label: 'First name' });
  await expect(step(page, 2).getByLabel('Message', { exact: true })).toHaveValue(
    '<p>Just checking in, {{ first_name | default: "there" }}',
  );
  await step(page, 2).getByLabel('Message', { exact: true }).press('End');
  await step(page, 2).getByLabel('Message', { exact: true }).pressSequentially('.</p>');
  // an A/B test on the last step: B gets its own subject, the leads split 50/50
  await step(page, 3).getByRole('button', { name: 'Test variants (A/B)' }).click();
  const variantB = step(page, 3).getByRole('group', { name: 'Variant B' });
  await expect(variantB.getByLabel('Share of leads (%)')).toHaveValue('50');
  await step(page, 3).getByLabel('New thread').check();
  const variantA = step(page, 3).getByRole('group', { name: 'Variant A' });
  await variantA
    .getByLabel('Subject', { exact: true })
    .fill('One last idea for {{ company | default: "you" }}');
  await variantA.getByLabel('Message', { exact: true }).fill('<p>Last one.</p>');
  await variantB.getByLabel('Subject', { exact: true }).fill('Should I stop writing, {{ first_name }}?');
  await variantB.getByLabel('Message', { exact: true }).fill('<p>Last one, B.</p>');
  // reordering moves the whole step, and back
  await step(page, 3).getByRole('button', { name: 'Move Step 3 up' }).click();
  await expect(step(page, 2).getByRole('group', { name: 'Variant B' })).toBeVisible();
  await step(page, 2).getByRole('button', { name: 'Move Step 2 down' }).click();
  await expect(variantB).toBeVisible();

  // 4. The schedule: the mailbox, Mon–Thu, 08:30–16:00, German holidays, 50 a day, the company stop
  const schedule = page.getByRole('region', { name: 'Schedule' });
  await schedule.getByLabel(new RegExp(mail.sender.address)).check();
  await schedule.getByLabel('Fri', { exact: true }).uncheck();
  await schedule.getByLabel('Send from').fill('08:30');
  await schedule.getByLabel('Until').fill('16:00');
  await schedule
    .getByRole('combobox', { name: /^Skip public holidays of/ })
    .selectOption({ label: 'Germany' });
  await schedule.getByLabel(/^Daily limit/).fill('50');
  await schedule.getByLabel('Stop everyone at a company when someone there replies').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(`Saved “${NAME}”.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();

  // 5. The preview for Ana: what the gate would send, with the footer and the unsubscribe link
  const preview = page.getByRole('region', { name: 'Preview' });
  await preview.getByLabel(/search your leads/).fill('ana');
  await preview.getByRole('button', { name: new RegExp(LEAD) }).click();
  const headers = preview.getByRole('table', { name: 'Headers' });
  await expect(headers.getByRole('row', { name: /^Subject/ })).toContainText('Hi Ana');
  await expect(headers).toContainText('List-Unsubscribe');
  await expect(preview.getByTestId('text-part')).toContainText('A short call about your team?');
  await expect(preview.getByTestId('text-part')).toContainText('Hauptstraße 1');
  await expect(preview.getByTestId('text-part')).toContainText(/Unsubscribe: https:\/\/team\.acme\.test\//);
  await expect(preview.getByTestId('gate-verdict')).toBeVisible();
  await expect(preview).toContainText(/Content score \d+/);
  await preview.getByRole('combobox', { name: /^Step/ }).selectOption({ label: 'Step 2' });
  await expect(headers.getByRole('row', { name: /^Subject/ })).toContainText('Re: Hi Ana');
  await expect(headers.getByRole('row', { name: /^In-Reply-To/ })).toContainText('step-1.preview');
  await expect(preview.getByTestId('text-part')).toContainText('Just checking in, Ana.');
  await preview.getByRole('combobox', { name: /^Step/ }).selectOption({ label: 'Step 3' });
  await preview.getByRole('combobox', { name: /^Variant/ }).selectOption({ label: 'B' });
  await expect(headers.getByRole('row', { name: /^Subject/ })).toContainText('Should I stop writing, Ana?');

  // 6. Saved: a new window shows the same sequence
  await page.reload();
  await expect(page.getByRole('heading', { name: NAME, level: 1 })).toBeVisible();
  await expect(
    step(page, 3).getByRole('group', { name: 'Variant A' }).getByLabel('Subject', { exact: true }),
  ).toHaveValue('One last idea for {{ company | default: "you" }}');
  await expect(step(page, 2).getByLabel(/^Wait/)).toHaveValue('3');
  await expect(schedule.getByLabel('Fri', { exact: true })).not.toBeChecked();
  await expect(schedule.getByLabel('Send from')).toHaveValue('08:30');
  await expect(schedule.getByRole('combobox', { name: /^Skip public holidays of/ })).toHaveValue('DE');
  await expect(schedule.getByLabel(/^Daily limit/)).toHaveValue('50');

  // 7. The list: a draft of three steps, nobody enrolled yet
  await page.getByRole('button', { name: '← Sequences' }).click();
  const list = page.getByRole('table', { name: 'Sequences' });
  const row = list.getByRole('row', { name: NAME, exact: true });
  await expect(row.getByRole('cell')).toHaveText([NAME, 'Draft', '3', '0', '0', '0', '0', '–', /Duplicate/]);

  // 8. Duplicate, rename the copy, archive it
  await row.getByRole('button', { name: `Duplicate ${NAME}` }).click();
  const copy = list.getByRole('row', { name: `${NAME} (copy)` });
  await expect(copy).toBeVisible();
  await copy.getByRole('button', { name: /^Rename/ }).click();
  const rename = page.getByRole('dialog', { name: 'Rename sequence' });
  await rename.getByLabel('Name').fill('Q1 intro, shorter');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeHidden();
  const renamed = list.getByRole('row', { name: 'Q1 intro, shorter' });
  await expect(renamed).toContainText('3');
  await renamed.getByRole('button', { name: /^Archive/ }).click();
  await expect(renamed).toBeHidden();
  await expect(list.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Show archived (1)').check();
  await expect(renamed.getByText('Archived')).toBeVisible();
});
