import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSendingPause } from './send/sending-pause';

// Electron cannot run here: its Tray and Menu are stood in for; the pause is main's real one.
const menus: MenuItemConstructorOptions[][] = [];
const tooltips: string[] = [];
vi.mock('electron', () => ({
  nativeImage: { createFromPath: () => ({ resize: () => ({}) }) },
  Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => template },
  Tray: class {
    setToolTip(text: string) {
      tooltips.push(text);
    }
    setContextMenu(menu: MenuItemConstructorOptions[]) {
      menus.push(menu);
    }
    destroy() {}
  },
}));

const { createSendingTray } = await import('./tray');

const click = (label: string) => {
  const item = menus.at(-1)?.find((i) => i.label === label);
  if (!item?.click) throw new Error(`no menu item ${label}`);
  (item.click as () => void)();
};

afterEach(() => {
  menus.length = 0;
  tooltips.length = 0;
});

describe('the tray icon', () => {
  it("shows today's count and pauses and resumes all sending in main", async () => {
    const audited: string[] = [];
    const pause = createSendingPause({
      audit: { append: async (type) => void audited.push(type) as never },
      now: () => 1,
    });
    let sent = 3;
    const shown: number[] = [];
    const tray = createSendingTray({
      iconPath: 'x.png',
      pause,
      sentToday: () => sent,
      show: () => shown.push(1),
    });
    expect(menus.at(-1)?.[0]?.label).toBe('3 emails sent today');
    click('Pause all sending');
    await vi.waitFor(() => expect(pause.paused()).toBe(true));
    expect(menus.at(-1)?.[0]?.label).toBe('Sending paused · 3 emails sent today');
    expect(tooltips.at(-1)).toContain('sending paused');
    sent = 4;
    click('Resume sending');
    await vi.waitFor(() => expect(pause.paused()).toBe(false));
    expect(menus.at(-1)?.[0]?.label).toBe('4 emails sent today');
    expect(audited).toEqual(['sending.paused', 'sending.resumed']);
    click('Open Fairsend');
    expect(shown).toHaveLength(1);
    tray.destroy();
  });
});
