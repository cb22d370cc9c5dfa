import { Menu, type MenuItemConstructorOptions, nativeImage, Tray } from 'electron';
import type { SendingPause, SendingPauseState } from './send/sending-pause';

export interface SendingTrayOptions {
  iconPath: string;
  pause: Pick<SendingPause, 'state' | 'set' | 'onChange'>;
  /** emails sent today over every mailbox (main's own counters) */
  sentToday: () => number;
  /** brings the app's window forward (or opens it) */
  show: () => void;
  /** how often today's count is read again; default a minute */
  everyMs?: number;
}

const sentWords = (n: number) => (n === 1 ? '1 email sent today' : `${n.toLocaleString()} emails sent today`);

/** The tray menu: today's count, and pause or resume all sending (main's send path honours it). */
export function trayMenu(
  state: SendingPauseState,
  sent: number,
  act: { setPaused(paused: boolean): void; show(): void },
): MenuItemConstructorOptions[] {
  return [
    { label: state.paused ? `Sending paused · ${sentWords(sent)}` : sentWords(sent), enabled: false },
    { type: 'separator' },
    state.paused
      ? { label: 'Resume sending', click: () => act.setPaused(false) }
      : { label: 'Pause all sending', click: () => act.setPaused(true) },
    { label: 'Open Fairsend', click: () => act.show() },
  ];
}

/**
 * A tray icon that keeps the sequence engine's work in sight while the window is hidden: today's count and
 * "Pause all sending" / "Resume sending", whose state lives in main (sending-pause.ts).
 */
export function createSendingTray(options: SendingTrayOptions) {
  const tray = new Tray(nativeImage.createFromPath(options.iconPath).resize({ width: 16, height: 16 }));
  const setPaused = (paused: boolean) => void options.pause.set(paused).catch(() => undefined);
  const refresh = () => {
    const state = options.pause.state();
    const sent = options.sentToday();
    tray.setToolTip(
      state.paused ? `Fairsend: sending paused (${sentWords(sent)})` : `Fairsend: ${sentWords(sent)}`,
    );
    tray.setContextMenu(Menu.buildFromTemplate(trayMenu(state, sent, { setPaused, show: options.show })));
  };
  refresh();
  const stopListening = options.pause.onChange(refresh);
  const timer = setInterval(refresh, options.everyMs ?? 60_000);
  timer.unref?.();
  return {
    refresh,
    destroy(): void {
      clearInterval(timer);
      stopListening();
      tray.destroy();
    },
  };
}
