import { describe, expect, it } from 'vitest';
import { parseDnsServers } from './dns-servers';

describe('parseDnsServers', () => {
  it('reads ip and ip:port, IPv6 bare or bracketed, separated by commas or spaces', () => {
    expect(parseDnsServers('1.1.1.1, 127.0.0.1:5353 [::1]:53,2001:db8::1')).toEqual({
      ok: true,
      servers: ['1.1.1.1', '127.0.0.1:5353', '[::1]:53', '2001:db8::1'],
    });
    expect(parseDnsServers('  ')).toEqual({ ok: true, servers: [] });
  });

  it.each(['dns.google', '1.1.1', '256.1.1.1', '1.1.1.1:0', '1.1.1.1:70000', '[1.1.1.1]:53', ':::1'])(
    'rejects %j, naming it',
    (entry) => {
      const parsed = parseDnsServers(`8.8.8.8,${entry}`);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(`"${entry}"`);
    },
  );
});
