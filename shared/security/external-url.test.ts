import { describe, expect, it } from 'vitest';
import { isAppUrl, isSafeExternalUrl } from './external-url';

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://fairsend.app/help', true],
    ['mailto:support@fairsend.app', true],
    ['http://example.com', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<script>1</script>', false],
    ['https://user:pw@example.com', false],
    ['https://bank.example@evil.example/login', false],
    ['ms-settings:privacy', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
});

describe('isAppUrl', () => {
  it('accepts only the app origin', () => {
    expect(isAppUrl('http://127.0.0.1:5173/#/leads', 'http://127.0.0.1:5173')).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5174/', 'http://127.0.0.1:5173')).toBe(false);
    expect(isAppUrl('https://evil.example/', 'http://127.0.0.1:5173')).toBe(false);
    expect(isAppUrl('app://fairsend/index.html#/leads', 'app://fairsend')).toBe(true);
    expect(isAppUrl('app://fairsend.evil/index.html', 'app://fairsend')).toBe(false);
    expect(isAppUrl('app://user@fairsend/index.html', 'app://fairsend')).toBe(false);
    expect(isAppUrl('https://fairsend/index.html', 'app://fairsend')).toBe(false);
  });

  it('never accepts a file: page, whatever origin it is held against', () => {
    expect(isAppUrl('file:///etc/passwd', 'app://fairsend')).toBe(false);
    expect(
      isAppUrl('file:///opt/fairsend/resources/app.asar/out/renderer/index.html', 'app://fairsend'),
    ).toBe(false);
    expect(isAppUrl('file:///etc/passwd', 'file://')).toBe(false);
    expect(isAppUrl('file://host/share/x.html', 'file://host')).toBe(false);
  });
});
