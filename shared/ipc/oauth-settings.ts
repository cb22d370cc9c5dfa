import { z } from 'zod';
import { channel } from './define';

/**
 * The team's own OAuth clients for Gmail and Outlook (docs/mailboxes.md says how to create them). Client ids
 * are not secret; Google's Desktop-app "client secret" is not confidential either (RFC 8252 §8.5), but main
 * keeps it in the vault anyway and this view only says whether one is set.
 */
export interface OAuthSettingsView {
  google: { clientId: string; hasClientSecret: boolean } | null;
  microsoft: { clientId: string; tenant: string } | null;
  /** the provider endpoints were pointed elsewhere (env vars or host options: tests, a national cloud) */
  customEndpoints: boolean;
}

export const googleClientId = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9._-]{1,200}\.apps\.googleusercontent\.com$/,
    'A Google client id ends in .apps.googleusercontent.com.',
  );

export const microsoftClientId = z
  .string()
  .trim()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'The Application (client) ID is a GUID like 00000000-0000-0000-0000-000000000000.',
  );

/** common, organizations, consumers, a tenant GUID or a tenant domain (contoso.onmicrosoft.com) */
export const microsoftTenant = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,98}[A-Za-z0-9])?$/, 'Enter common, organizations or your tenant.');

export const oauthSettingsRequest = z
  .object({
    /** null removes the Google client; absent leaves it as it is */
    google: z
      .object({
        clientId: googleClientId,
        /** '' removes the stored secret; absent keeps it */
        clientSecret: z.string().trim().max(200).optional(),
      })
      .strict()
      .nullable()
      .optional(),
    microsoft: z
      .object({ clientId: microsoftClientId, tenant: microsoftTenant.default('common') })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

export type OAuthSettingsRequest = z.input<typeof oauthSettingsRequest>;

export const oauthSettingsChannels = {
  'settings.getOAuth': channel(z.object({}).strict()).returns<OAuthSettingsView>(),
  'settings.setOAuth': channel(oauthSettingsRequest).returns<OAuthSettingsView>(),
};
