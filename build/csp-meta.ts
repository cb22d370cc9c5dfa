import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp.ts';

/**
 * Puts the CSP into the built index.html as a <meta> tag. The desktop app loads its page from file://, where
 * no response headers exist for the session's header hook to add it to. Only in builds: the dev server needs
 * inline scripts for hot reload. `frame-ancestors` has no effect in a meta tag, so it is left out there.
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
