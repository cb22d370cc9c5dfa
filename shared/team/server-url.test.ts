import { describe, expect, it } from 'vitest';
import { checkServerUrl } from './server-url';

describe('team server address', () => {
  it('takes https, adds it when left out, and drops a trailing slash', () => {
    expect(checkServerUrl('https://team.acme.com/')).toEqual({ ok: true, url: 'https://team.acme.com' });
    expect(checkServerUrl(' team.acme.com ')).toEqual({ ok: true, url: 'https://team.acme.com' });
    expect(checkServerUrl('https://acme.com/fairsend/')).toEqual({
      ok: true,
      url: 'https://acme.com/fairsend',
    });
  });

  it('allows plain http only on loopback', () => {
    expect(checkServerUrl('http://127.0.0.1:8787')).toEqual({ ok: true, url: 'http://127.0.0.1:8787' });
    expect(checkServerUrl('http://team.acme.com').ok).toBe(false);
    expect(checkServerUrl('ftp://team.acme.com').ok).toBe(false);
  });

  it('refuses credentials, queries and things that are not addresses', () => {
    expect(checkServerUrl('https://u:p@team.acme.com').ok).toBe(false);
    expect(checkServerUrl('https://team.acme.com/?x=1').ok).toBe(false);
    expect(checkServerUrl('https://exa mple.com').ok).toBe(false);
  });
});
