import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FIX_TARGETS, REASONS, type ReasonCode } from '../../../../shared/compliance/reasons';
import { CATALOGUE, fixTexts } from '../../../../shared/compliance/testing/fix-texts';
import type { MailboxInfo } from '../../../../shared/mailboxes/mailbox';
import {
  failureFixTargetOf,
  SEND_FAILURE_CODES,
  SEND_FAILURES,
} from '../../../../shared/outbox/failure-codes';
import type { AppServices } from '../../services/app-services';
import { ServicesProvider } from '../../services/use-services';
import { AREAS } from '../../store';
import { PLACE_PARAMS, readAddress, writeAddress } from '../../store/address';
import { MailboxCard } from '../mailboxes/MailboxCard';
import { MailboxSettingsDialog } from '../mailboxes/MailboxSettingsDialog';
import { AdvancedSettings } from '../settings/AdvancedSettings';
import { ProfileForm } from '../settings/ProfileForm';
import { FIX_PLACES, type FixContext, fixPlaceOf } from './fix-places';

const MAILBOX: MailboxInfo = {
  id: 'mbx-1',
  kind: 'smtp',
  address: 'sam@signed.example',
  displayName: 'Sam',
  signature: '',
  provider: 'smtp',
  createdAt: 0,
  dailyCapOverride: null,
  smtp: { host: 'smtp.example', port: 587, security: 'starttls', user: 'sam', localRelay: false },
  lastError: null,
  lastCheckedAt: null,
};
const noop = () => {};

/** Each screen part a fix place opens, rendered as the screen renders it (effects do not run here). */
const RENDERED: Record<string, () => string> = {
  settings: () =>
    renderToStaticMarkup(createElement(ProfileForm)) + renderToStaticMarkup(createElement(AdvancedSettings)),
  mailboxes: () =>
    renderToStaticMarkup(
      // the card's Pause sending wakes the window's engine on Resume: the only service it reads
      createElement(
        ServicesProvider,
        { services: { engine: { wake: noop } } as unknown as AppServices },
        createElement(MailboxCard, {
          mailbox: MAILBOX,
          health: undefined,
          onChanged: noop,
          onHealth: noop,
          onReconnect: noop,
          onRemoved: noop,
          onSettings: noop,
        }),
      ),
    ) +
    renderToStaticMarkup(
      createElement(MailboxSettingsDialog, { mailbox: MAILBOX, onClose: noop, onChanged: noop }),
    ),
};

describe('fix buttons', () => {
  it('map every fix target of the reason catalogue to a screen and an element on it that exist', () => {
    expect(Object.keys(FIX_PLACES).sort()).toEqual([...FIX_TARGETS].sort());
    const context: FixContext = { mailboxId: MAILBOX.id };
    for (const [target, place] of Object.entries(FIX_PLACES)) {
      expect(AREAS, target).toContain(place.area);
      // the address the button writes names the screen and what it opens there, which the screen reads
      const open = place.open(context);
      expect(open, target).toBeDefined();
      const address = readAddress(`#${writeAddress(place.area, open)}`);
      expect(address.screen, target).toBe(place.area);
      for (const name of address.params.keys()) expect(Object.values(PLACE_PARAMS), target).toContain(name);
      const element = place.element(context);
      expect(element, target).toBeDefined();
      expect(RENDERED[place.area]?.(), target).toContain(`id="${element}"`);
    }
  });

  it('open a mailbox place only for a known mailbox (the Outbox may not know one): the screen alone then', () => {
    expect(FIX_PLACES['mailbox-settings'].open({})).toBeUndefined();
    expect(FIX_PLACES['mailbox-settings'].open({ mailboxId: 'm1' })).toEqual({ settings: 'm1' });
    expect(writeAddress('mailboxes', { settings: 'm1' })).toBe('/mailboxes?settings=m1');
  });

  it('go where the fix sentence says: each sentence with a button names that place', () => {
    for (const [code, entry] of CATALOGUE) {
      if (entry.goTo === undefined) continue;
      const place = FIX_PLACES[entry.goTo as keyof typeof FIX_PLACES];
      for (const text of fixTexts(entry)) expect(text, code).toMatch(place.named);
    }
  });

  it('give a button to every reason whose fix is a place, and to no other', () => {
    for (const code of Object.keys(REASONS) as ReasonCode[]) {
      const goTo = (REASONS[code] as { goTo?: keyof typeof FIX_PLACES }).goTo;
      expect(fixPlaceOf(code), code).toEqual(goTo === undefined ? undefined : FIX_PLACES[goTo]);
    }
    expect(fixPlaceOf('identity-missing')?.area).toBe('settings');
    expect(fixPlaceOf('dkim-selector-unknown')).toBe(FIX_PLACES['mailbox-settings']);
    expect(fixPlaceOf('spf-sender-unknown')).toBe(FIX_PLACES['mailbox-settings']);
    expect(fixPlaceOf('dns-failing')).toBe(FIX_PLACES['dns-servers']);
    expect(fixPlaceOf('no-such-code')).toBeUndefined();
  });

  it('give a send failure kept in the Outbox the button its fix sentence names, and no other', () => {
    for (const code of SEND_FAILURE_CODES) {
      const goTo = failureFixTargetOf(code);
      expect(fixPlaceOf(code), code).toEqual(goTo === undefined ? undefined : FIX_PLACES[goTo]);
      if (goTo !== undefined) expect(SEND_FAILURES[code].fix, code).toMatch(FIX_PLACES[goTo].named);
    }
    expect(fixPlaceOf('auth-expired')).toBe(FIX_PLACES.mailbox);
    expect(fixPlaceOf('transient')).toBeUndefined(); // it waits: nothing to open
  });
});
