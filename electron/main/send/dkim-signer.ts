import type { DKIMSignOptions } from 'mailauth';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { err, ok, type Result } from '../../../shared/ipc/result';

/**
 * The headers every signature covers. RFC 8058 requires List-Unsubscribe and List-Unsubscribe-Post to be
 * signed, so a relay cannot swap the one-click target; threading headers are signed so replies stay intact.
 */
export const SIGNED_HEADERS = [
  'from',
  'to',
  'subject',
  'date',
  'message-id',
  'list-unsubscribe',
  'list-unsubscribe-post',
  'in-reply-to',
  'references',
  'reply-to',
  'mime-version',
  'content-type',
];

export interface DkimKey {
  domain: string;
  selector: string;
  privateKeyPem: string;
}

/** Signs a message the gate built and returns the bytes with the DKIM-Signature header prepended. */
export async function signWithDkim(raw: Buffer, key: DkimKey, signTime: Date): Promise<Result<Buffer>> {
  const options = {
    canonicalization: 'relaxed/relaxed',
    signTime,
    headerList: SIGNED_HEADERS,
    strict: true,
    signatureData: [{ signingDomain: key.domain, selector: key.selector, privateKey: key.privateKeyPem }],
  };
  // mailauth 7's typings describe top-level signingDomain/selector/privateKey, but at run time it signs only
  // with `signatureData` (top-level keys silently produce no signature), hence the cast.
  const result = await dkimSign(raw, options as unknown as DKIMSignOptions);
  if (!result.signatures) {
    const code = (result.errors[0]?.err as { code?: string } | undefined)?.code ?? 'unknown';
    return err(
      'invalid-input',
      `The DKIM key could not sign this message (${code}). Check the key and selector.`,
    );
  }
  return ok(Buffer.concat([Buffer.from(result.signatures), raw]));
}
