import type { BrowserContext, Page } from '@playwright/test';
import { startTestHost } from './fixtures';
import { addLead, connectSmtpMailbox, saveSenderIdentity } from './rep-steps';

export type CappedHost = Awaited<ReturnType<typeof startTestHost>>;

/**
 * A rep on a host of their own at a fixed time, for specs about the daily cap: main's clock and the windows'
 * (Playwright's, installed on `context`) both start at `start`; the sender identity is saved, an SMTP mailbox
 * with DKIM is connected with the rep's own cap of `cap` a day (no screen sets it yet, so main's service
 * does), and the lead is added. Close the host when done.
 */
export async function cappedRep(
  context: BrowserContext,
  { start, cap, lead }: { start: number; cap: number; lead: { email: string; firstName: string } },
): Promise<{ host: CappedHost; page: Page; mailboxId: string }> {
  const host = await startTestHost();
  const { mail } = host;
  host.clock.setTo(start);
  await context.clock.install({ time: start });
  const page = await context.newPage();
  await page.goto(host.url);
  await saveSenderIdentity(page, {
    company: 'Acme Sender GmbH',
    postalAddress: 'Hauptstraße 1, 10115 Berlin, Germany',
    teamServer: 'https://team.acme.test',
    unsubscribeMailbox: `unsubscribe@${mail.sender.domain}`,
  });
  await connectSmtpMailbox(page, {
    address: mail.sender.address,
    name: 'Rita Rep',
    password: mail.login.pass,
    dkim: mail.dkim,
  });
  const [mailbox] = host.services.mailboxes.list();
  if (!mailbox) throw new Error('The mailbox did not connect.');
  host.services.mailboxes.update(mailbox.id, { dailyCapOverride: cap });
  await addLead(page, lead);
  return { host, page, mailboxId: mailbox.id };
}
