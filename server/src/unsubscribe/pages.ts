import { escapeHtml } from '../../../shared/text/escape-html';

/** The small pages a recipient sees: plain words, no script, the form posts back to the same URL. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}
button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #555;background:#fff;cursor:pointer}</style>
</head><body>${body}</body></html>`;
}

/** GET: asks, changes nothing (link scanners fetch every GET). */
export function confirmPage(): string {
  return page(
    'Unsubscribe',
    `<h1>Unsubscribe</h1>
<p>Press the button to stop getting emails from this sender.</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button></form>`,
  );
}

export function donePage(): string {
  return page(
    'Unsubscribed',
    '<h1>You are unsubscribed</h1><p>You will get no more emails from this sender.</p>',
  );
}

export function invalidPage(): string {
  return page(
    'Link not valid',
    '<h1>This link is not valid</h1><p>Use the unsubscribe link in the latest email you received, or reply to it asking to be removed.</p>',
  );
}

export function busyPage(): string {
  return page(
    'Try again',
    '<h1>Please try again in a minute</h1><p>We could not take your request just now.</p>',
  );
}
