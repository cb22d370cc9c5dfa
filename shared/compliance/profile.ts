import { z } from 'zod';

/**
 * The sender identity every footer carries (CAN-SPAM, CASL, GDPR art. 13) and the one-click unsubscribe
 * base URL. Sending is refused until it is complete. A team server may later own these values.
 */
export const complianceProfileSchema = z
  .object({
    /** the legal sender: company or trading name */
    company: z.string().trim().min(2, 'Enter the company name recipients will recognise.').max(200),
    /** a valid physical postal address */
    postalAddress: z
      .string()
      .trim()
      .min(10, 'Enter a full postal address (street, city, postcode, country).')
      .max(500)
      .refine(
        (v) => /\d/.test(v) && /[A-Za-z\p{L}]{2,}/u.test(v),
        'A postal address has a street or box number and a place.',
      ),
    /** https base of the team server's one-click unsubscribe endpoint, e.g. https://team.acme.com */
    unsubscribeBaseUrl: z
      .string()
      .trim()
      .url('Enter the https address of your team server.')
      .refine((v) => v.startsWith('https://'), 'The unsubscribe link must use https.'),
    /** where mailto: unsubscribe requests go (the inbox watcher reads them) */
    unsubscribeMailto: z
      .string()
      .trim()
      .email('Enter the address that receives unsubscribe emails.')
      .max(254),
  })
  .strict();

export type ComplianceProfile = z.infer<typeof complianceProfileSchema>;
