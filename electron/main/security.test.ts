import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async () => {});
vi.mock('electron', () => ({ default: {}, shell: { openExternal } }));

const { hardenContents, hardenSession } = await import('./security');
const { APP_ORIGIN } = await import('./app-protocol');

function fakeContents() {
  const emitter = new EventEmitter();
  let windowOpen: (d: { url: string }) => { action: string } = () => ({ action: 'allow' });
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (h: typeof windowOpen) => {
      windowOpen = h;
    },
  }) as unknown as WebContents;
  const navigate = (name: string, url: string) => {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    emitter.emit(name, event, url);
    return event.defaultPrevented;
  };
  return { contents, navigate, open: (url: string) => windowOpen({ url }) };
}

describe('hardenContents', () => {
  it('blocks navigation away from the app and webviews', () => {
    const { contents, navigate } = fakeContents();
    hardenContents(contents, APP_ORIGIN);
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-redirect', 'http://127.0.0.1:9999/')).toBe(true);
    expect(navigate('will-navigate', 'app://fairsend/index.html#/leads')).toBe(false);
    expect(navigate('will-attach-webview', 'https://x')).toBe(true);
  });

  it('blocks navigation to local files, which are no longer the app', () => {
    const { contents, navigate } = fakeContents();
    hardenContents(contents, APP_ORIGIN);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'file:///opt/fairsend/out/renderer/index.html')).toBe(true);
    expect(navigate('will-redirect', 'app://elsewhere/index.html')).toBe(true);
  });

  it('denies every new window and opens only safe links externally', () => {
    const { contents, open } = fakeContents();
    hardenContents(contents, APP_ORIGIN);
    expect(open('https://fairsend.app/help')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://fairsend.app/help');
  });
});

describe('hardenSession', () => {
  it('denies every permission and sets the CSP on responses', () => {
    let onHeaders:
      | ((d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)
      | undefined;
    let permission: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    const session = {
      webRequest: { onHeadersReceived: (h: typeof onHeaders) => (onHeaders = h) },
      setPermissionRequestHandler: (h: typeof permission) => (permission = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    } as unknown as Session;
    hardenSession(session);
    const granted: boolean[] = [];
    permission?.(null, 'media', (ok) => granted.push(ok));
    permission?.(null, 'notifications', (ok) => granted.push(ok));
    expect(granted).toEqual([false, false]);
    expect(check?.()).toBe(false);
    let headers: Record<string, string[]> = {};
    onHeaders?.({ responseHeaders: { 'x-a': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']?.[0]).toContain("default-src 'self'");
    expect(headers['x-a']).toEqual(['1']);
  });
});
