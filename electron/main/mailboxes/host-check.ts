import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses that are not the public Internet: a mail host there is a local relay, which the user must ask for. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged by its IPv4 part. (A ::ffff:0:0/96 subnet in the
  // BlockList would also match every plain IPv4 address, which BlockList maps the same way.)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return isPrivateAddress(mapped[1]);
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type HostCheck = { ok: true; addresses: string[] } | { ok: false; message: string };

export type Lookup = (host: string) => Promise<string[]>;

const systemLookup: Lookup = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Resolves the SMTP host and refuses a private address unless the user asked for a local relay:
 * a typo or a hostile settings file must not point the app at a service on the rep's own network.
 */
export async function checkSmtpHost(
  host: string,
  localRelay: boolean,
  resolve: Lookup = systemLookup,
): Promise<HostCheck> {
  let addresses: string[];
  try {
    addresses = isIP(host.replace(/^\[|\]$/g, '')) ? [host.replace(/^\[|\]$/g, '')] : await resolve(host);
  } catch {
    return { ok: false, message: `The mail server name "${host}" could not be found. Check the spelling.` };
  }
  if (addresses.length === 0) return { ok: false, message: `The mail server name "${host}" has no address.` };
  if (!localRelay && addresses.some(isPrivateAddress)) {
    return {
      ok: false,
      message: `"${host}" points to an address on a private network. If it is your own relay, tick "Local relay".`,
    };
  }
  return { ok: true, addresses };
}
