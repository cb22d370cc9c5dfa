import { z } from 'zod';
import { channel } from './define';

/** "Pause all sending", as main holds it (electron/main/send/sending-pause.ts). */
export interface SendingState {
  paused: boolean;
  /** when it was last paused or resumed; 0 before any change */
  since: number;
}

export const sendingChannels = {
  /** Whether all sending is paused now. */
  'sending.state': channel(z.object({}).strict()).returns<SendingState>(),
  /** Pauses or resumes all sending (audited); while paused, every send is blocked with `sending-paused`. */
  'sending.setPaused': channel(z.object({ paused: z.boolean() }).strict()).returns<SendingState>(),
};
