/**
 * Local parts that name a function, not a person. Cold email to them lands in a shared inbox or a ticket
 * queue and draws complaints, so the gate warns on them. Curated rather than pattern-based: "sales" is a
 * role, "sales.jane" is a person.
 */
const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set(
  [
    // RFC 2142 mailbox names, which a domain may be expected to have
    'abuse noc security postmaster hostmaster usenet news webmaster www uucp ftp',
    // machine senders and mail plumbing
    'noreply no-reply donotreply do-not-reply mailer-daemon bounce bounces root daemon nobody devnull',
    'notifications alerts',
    // shared inboxes
    'info information contact contactus contact-us hello hi office mail email enquiries enquiry inquiries',
    'inquiry team staff all everyone general reception admin administrator sysadmin it helpdesk help support',
    'service customerservice customer-service care feedback sales marketing press media pr partners',
    'partnerships business bizdev billing accounts accounting finance invoices invoice payments orders',
    'purchasing procurement legal privacy compliance gdpr dpo hr jobs careers recruiting recruitment talent',
    'newsletter subscribe unsubscribe list lists',
    // common German, French and Spanish shared inboxes
    'kontakt buero verwaltung vertrieb empfang contacto ventas informacion ventes accueil bureau',
  ]
    .join(' ')
    .split(' '),
);

/** True when the local part (ignoring a "+tag", with . and _ read as -) names a role; expects lower case. */
export function isRoleAccount(local: string): boolean {
  const base = local.split('+')[0] ?? local;
  return ROLE_LOCAL_PARTS.has(base) || ROLE_LOCAL_PARTS.has(base.replace(/[._]/g, '-'));
}
