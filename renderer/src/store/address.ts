/**
 * The window's address: `#/<screen>` and, after a `?`, what that screen opens (`#/mailboxes?settings=<id>`),
 * so a button anywhere — a reason's fix — can take the rep to a dialog or a section, and Back returns.
 * Pure and free of React: the page's first script reads the screen from it.
 */
export interface Address {
  /** the screen's name as written; the caller checks it is one */
  screen: string;
  params: URLSearchParams;
}

export function readAddress(hash: string): Address {
  const path = hash.replace(/^#\/?/, '');
  const at = path.indexOf('?');
  return at < 0
    ? { screen: path, params: new URLSearchParams() }
    : { screen: path.slice(0, at), params: new URLSearchParams(path.slice(at + 1)) };
}

/** `/<screen>` or `/<screen>?a=b`, for `location.hash`. */
export function writeAddress(screen: string, params: Readonly<Record<string, string>> = {}): string {
  const query = new URLSearchParams(params).toString();
  return query ? `/${screen}?${query}` : `/${screen}`;
}

/** The names of what a screen opens from its address, each read by that screen. */
export const PLACE_PARAMS = {
  /** Mailboxes: the id of the mailbox whose Settings dialog is open */
  mailboxSettings: 'settings',
  /** Mailboxes: the id of the mailbox whose card is shown and focused */
  mailbox: 'mailbox',
  /** Settings: the section shown and focused */
  section: 'section',
  /** Sequences: the id of the sequence open in the editor */
  sequence: 'sequence',
} as const;

/** Element ids of the places a fix button opens; the screens render them, fix-places.test.ts checks. */
export const PLACE_IDS = {
  mailboxCard: (id: string) => `mailbox-${id}`,
  mailboxSettings: (id: string) => `mailbox-settings-${id}`,
  settingsSection: (section: SettingsSection) => `settings-${section}`,
};

export const SETTINGS_SECTIONS = ['identity', 'team', 'advanced'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];
