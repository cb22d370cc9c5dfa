import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp.ts';

/**
 * Puts the CSP into the built index.html as a <meta> tag, so the page carries its policy wherever it is served
 * from; the desktop app's `app://` handler and the browser-mode host also send it as a header. Only in builds:
 * the dev server needs inline scripts for hot reload. `frame-ancestors` has no effect in a meta tag, so it is
 * left out there.
 */
export function cspMeta(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'fairsend-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
        injectTo: 'head-prepend',
      },
    ],
  };
}
