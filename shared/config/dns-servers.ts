import { isIP } from './ip';

/**
 * DNS servers as a rep or an administrator writes them: `ip` or `ip:port`, IPv6 as `[ip]:port` or bare,
 * separated by commas, spaces or new lines. One wrong entry rejects the whole list, naming it.
 */
export function parseDnsServers(
  text: string,
): { ok: true; servers: string[] } | { ok: false; message: string } {
  const entries = text
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!isServer(entry))
      return {
        ok: false,
        message: `"${entry}" is not a DNS server address: write an IP address such as 1.1.1.1 or 192.168.1.1:53.`,
      };
  }
  return { ok: true, servers: entries };
}

function isServer(entry: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry);
  if (bracketed) return isIP(bracketed[1]!) === 6 && portOk(bracketed[2]);
  if (isIP(entry) === 6) return true;
  const v4 = /^([^:]+)(?::(\d{1,5}))?$/.exec(entry);
  return v4 !== null && isIP(v4[1]!) === 4 && portOk(v4[2]);
}

const portOk = (port: string | undefined) =>
  port === undefined || (Number(port) >= 1 && Number(port) <= 65_535);
