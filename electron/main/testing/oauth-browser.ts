/**
 * Plays the system browser and the rep for OAuth tests: opens the authorization URL on a stand-in, where
 * consent is automatic, and follows its redirect to Fairsend's loopback listener, as a browser would.
 */
export interface FakeBrowser {
  openBrowser(url: string): Promise<void>;
  /** what the loopback listener showed the "user" */
  pages: { status: number; body: string }[];
  opened: string[];
}

export function consentingBrowser(): FakeBrowser {
  const pages: FakeBrowser['pages'] = [];
  const opened: string[] = [];
  return {
    pages,
    opened,
    async openBrowser(url) {
      opened.push(url);
      // like a real browser, the visit runs on its own; the flow only learns of it through the redirect
      void (async () => {
        const consent = await fetch(url, { redirect: 'manual' });
        const location = consent.headers.get('location');
        await consent.arrayBuffer();
        if (!location) return;
        const landing = await fetch(location);
        pages.push({ status: landing.status, body: await landing.text() });
      })().catch(() => undefined);
    },
  };
}

/** a browser that opens but the rep never finishes signing in */
export function idleBrowser(): FakeBrowser {
  const opened: string[] = [];
  return { pages: [], opened, openBrowser: async (url) => void opened.push(url) };
}
