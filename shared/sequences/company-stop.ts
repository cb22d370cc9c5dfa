/**
 * Who counts as "the same company" for a sequence's company stop. Pure: the renderer reads the colleagues
 * through the leads' ['companyKey', rank] and ['domainKey', rank] indexes.
 *
 * A lead's colleagues are the leads with its company key (when it has a company) and the leads with its
 * address's domain, unless that domain is a free-mail or ISP one (gmail.com is nobody's company). Both, when
 * both exist: a stop errs towards contacting nobody, and a company typed two ways still shares a domain.
 */

/** Free-mail and big ISP domains: many people, no company. Lower case, ASCII. */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.fr',
  'yahoo.de',
  'yahoo.es',
  'ymail.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'hotmail.de',
  'hotmail.es',
  'outlook.com',
  'outlook.de',
  'outlook.fr',
  'outlook.es',
  'live.com',
  'live.de',
  'live.fr',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'gmx.de',
  'gmx.net',
  'gmx.com',
  'gmx.at',
  'gmx.ch',
  'web.de',
  't-online.de',
  'freenet.de',
  'posteo.de',
  'mailbox.org',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'telefonica.net',
  'terra.es',
  'mail.com',
  'zoho.com',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'qq.com',
  '163.com',
  'fastmail.com',
  'hey.com',
  'tutanota.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'btinternet.com',
]);

export const isFreeMailDomain = (domain: string): boolean => FREE_MAIL_DOMAINS.has(domain.toLowerCase());

export interface CompanyScope {
  /** the lead's company key ('' when it has no company) */
  companyKey: string | null;
  /** its address's domain, null for a free-mail domain */
  domainKey: string | null;
}

/** What to look colleagues up by; null when the lead has neither a company nor a company domain. */
export function companyScopeOf(lead: { companyKey: string; domainKey: string }): CompanyScope | null {
  const companyKey = lead.companyKey.trim() ? lead.companyKey : null;
  const domainKey = lead.domainKey && !isFreeMailDomain(lead.domainKey) ? lead.domainKey : null;
  return companyKey || domainKey ? { companyKey, domainKey } : null;
}
