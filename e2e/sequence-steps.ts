import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { go } from './rep-steps';

// A rep's usual steps with sequences, shared by the sequence specs: build one in the editor, add leads to it
// and launch it, and move main's and the window's clocks together.

export interface StepText {
  /** the first step's subject; a follow-up in the thread has none */
  subject?: string;
  message: string;
  /** business days after the previous step */
  waitDays?: number;
}

/** A sequence saved from the editor, sending from `sender`, optionally with the company stop. */
export async function createSequence(
  page: Page,
  options: { name: string; sender: string; steps: readonly StepText[]; companyStop?: boolean },
): Promise<void> {
  await go(page, 'Sequences');
  await page.getByRole('button', { name: 'New sequence' }).click();
  await page.getByLabel('Name', { exact: true }).fill(options.name);
  for (const [i, text] of options.steps.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Add a step' }).click();
    const step = page.getByRole('region', { name: `Step ${i + 1}` });
    if (text.waitDays !== undefined) await step.getByLabel(/^Wait/).fill(String(text.waitDays));
    if (text.subject !== undefined) await step.getByLabel('Subject', { exact: true }).fill(text.subject);
    await step.getByLabel('Message', { exact: true }).fill(text.message);
  }
  const schedule = page.getByRole('region', { name: 'Schedule' });
  await schedule.getByLabel(new RegExp(options.sender)).check();
  if (options.companyStop) {
    await schedule.getByLabel('Stop everyone at a company when someone there replies').check();
  }
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(`Saved “${options.name}”.`)).toBeVisible();
}

/** Leads (by first name) selected in the list, added to the draft sequence and launched. */
export async function addToSequence(
  page: Page,
  firstNames: readonly string[],
  sequence: string,
): Promise<void> {
  await go(page, 'Leads');
  for (const name of firstNames) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
  await page.getByRole('button', { name: 'Add to sequence' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add leads to a sequence' });
  await dialog.getByRole('combobox', { name: 'Sequence' }).selectOption({ label: `${sequence} (draft)` });
  await dialog.getByRole('checkbox', { name: /Launch the sequence now/ }).check();
  await dialog.getByRole('button', { name: 'Add to sequence' }).click();
  await page
    .getByRole('dialog', { name: /^Added \d+ leads? to/ })
    .getByRole('button', { name: 'Done' })
    .click();
}

/** Main's clock (the test host's) and the window's (Playwright's) set to `to` together. */
export async function moveClocks(
  host: { clock: { now(): number; setTo(at: number): void } },
  page: Page,
  to: number,
): Promise<void> {
  const jump = to - host.clock.now();
  host.clock.setTo(to);
  await page.context().clock.fastForward(jump);
}

/** The two-step sequence the inbox specs use: a question, then a nudge two business days later. */
export const TWO_STEPS: readonly StepText[] = [
  { subject: 'Hello {{ first_name }}', message: '<p>Hi {{ first_name }}, a short question.</p>' },
  { waitDays: 2, message: '<p>Bringing this back up.</p>' },
];
