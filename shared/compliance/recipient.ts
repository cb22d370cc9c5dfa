import disposableDomains from 'disposable-email-domains/index.json' with { type: 'json' };
import disposableWildcards from 'disposable-email-domains/wildcard.json' with { type: 'json' };
import { checkEmail } from '../leads/email';
import { boundedMemo } from '../text/bounded-memo';
import { combine, judged, passed, reason, type StepResult } from './reasons';
import { isRoleAccount } from './role-accounts';

/**
 * What the DNS adapter (electron/main/dns/resolver.ts) reports for a recipient domain's mail exchangers.
 * `found` includes RFC 5321 §5.1's implicit MX (no MX but an A/AAAA record: hosts = [domain]).
 * `null-mx` is RFC 7505's `MX 0 .`: the domain states it accepts no mail.
 * `error` means the lookup failed (timeout, SERVFAIL, no network) and says nothing about the domain.
 * `dns-failing` means domains that must exist failed too (resolver-health.ts): DNS on this computer is broken.
 */
export type MxAnswer =
  | { kind: 'found'; hosts: string[] }
  | { kind: 'none' }
  | { kind: 'nxdomain' }
  | { kind: 'null-mx' }
  | { kind: 'error' }
  | { kind: 'dns-failing' };

export interface RecipientResult extends StepResult {
  /** The normal form (the suppression and dedupe key), when the syntax is valid. */
  address?: string;
  domain?: string;
}

// The package lists domains; its wildcard list names domains whose every subdomain is disposable too.
// We also treat subdomains of listed domains as disposable (mail.mailinator.com is still Mailinator).
let disposable: ReadonlySet<string> | undefined;

function onDisposableList(domain: string): boolean {
  disposable ??= new Set<string>([...disposableDomains, ...disposableWildcards]);
  const d = domain.toLowerCase();
  // Each suffix with at least two labels: a listed "tk" would otherwise condemn a whole country.
  for (let dot = -1; ; ) {
    const suffix = d.slice(dot + 1);
    if (!suffix.includes('.')) return false;
    if (disposable.has(suffix)) return true;
    dot = d.indexOf('.', dot + 1);
  }
}

const rememberedDisposable = boundedMemo(onDisposableList, 4096);

/** Whether a domain or a domain it is under is on the list; remembered per domain (a list shares a few hundred). */
export function isDisposableDomain(domain: string): boolean {
  return domain.length <= 300 ? rememberedDisposable(domain) : onDisposableList(domain);
}

/** RFC 7505 null MX, whether the adapter names it or passes the raw `0 .` record through. */
function isNullMx(mx: MxAnswer): boolean {
  if (mx.kind === 'null-mx') return true;
  return mx.kind === 'found' && mx.hosts.length > 0 && mx.hosts.every((h) => h === '' || h === '.');
}

function checkMx(domain: string, mx: MxAnswer): StepResult {
  if (isNullMx(mx)) {
    return judged(reason('null-mx', { domain }));
  }
  switch (mx.kind) {
    case 'found':
      return passed;
    case 'none':
      return judged(reason('no-mx', { domain }));
    case 'nxdomain':
      return judged(reason('domain-not-found', { domain }));
    case 'dns-failing':
      // Held, never judged: a broken resolver says nothing about the lead or the domain.
      return judged(reason('dns-failing', { domain }));
    default:
      // Fail closed: nothing goes out unchecked. The scheduler retries once DNS answers again.
      return judged(reason('dns-unavailable', { domain, lookup: 'mail-server' }));
  }
}

/**
 * Gate step 1. Syntax errors, undeliverable domains and disposable domains block; role accounts warn.
 * The MX answer is looked up beforehand by the caller (through the cached DNS adapter) for the
 * address's normalised domain (see `recipientDomain`).
 */
export function checkRecipient(address: string, { mx }: { mx: MxAnswer }): RecipientResult {
  const email = checkEmail(address);
  if (!email.ok) {
    return judged(reason('invalid-address', email.message));
  }
  const { local, domain } = email;
  const results: StepResult[] = [];
  if (isDisposableDomain(domain)) {
    results.push(judged(reason('disposable-domain', { domain })));
  } else {
    results.push(checkMx(domain, mx));
  }
  if (isRoleAccount(local.replace(/^"|"$/g, ''))) {
    results.push(judged(reason('role-account', { address: email.address, local })));
  }
  return { ...combine(...results), address: email.address, domain };
}

/** The domain whose MX the caller must look up for this address, or null when the syntax is invalid. */
export function recipientDomain(address: string): string | null {
  const email = checkEmail(address);
  return email.ok ? email.domain : null;
}
