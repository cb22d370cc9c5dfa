import { z } from 'zod';
import type { InboxEffectType } from '../inbox/classify';
import { channel } from './define';

/**
 * What main's inbox watcher found, numbered in order. The address is plaintext because the renderer needs it
 * to suppress and to find the lead; it stays on this desktop (main's file, this bridge, local RxDB).
 */
export interface InboxEvent {
  seq: number;
  type: InboxEffectType;
  /** null only for a complaint report that redacted the recipient (the lead is then found by messageId) */
  address: string | null;
  /** our message it concerns */
  messageId?: string;
  /** an out-of-office's stated return date (YYYY-MM-DD); absent: a few business days */
  returnsOn?: string;
  mailboxId: string;
  at: number;
}

export interface InboxCheckSummary {
  /** mailboxes whose inbox could be read */
  mailboxes: number;
  /** new messages read */
  messages: number;
  bounces: number;
  complaints: number;
  replies: number;
  optOuts: number;
  /** each mailbox that was read, and how many new messages it had */
  read: { mailboxId: string; address: string; messages: number }[];
  /** mailboxes that could not be read, and why */
  problems: InboxCheckProblem[];
}

/**
 * Why a mailbox could not be read, as the rep can act on it: `no-imap` (SMTP without an IMAP login),
 * `signed-out` (the login or token was refused), `connection` (the server could not be reached), `other`.
 */
export type InboxCheckTrouble = 'no-imap' | 'signed-out' | 'connection' | 'other';

export interface InboxCheckProblem {
  mailboxId: string;
  address: string;
  reason: InboxCheckTrouble;
  /** main's own words about it (for the details toggle) */
  message: string;
}

export const inboxChannels = {
  /** Inbox events after `seq`, for the renderer to apply. */
  'inbox.since': channel(
    z
      .object({ seq: z.number().int().min(0), limit: z.number().int().min(1).max(5000).default(1000) })
      .strict(),
  ).returns<InboxEvent[]>(),
  /** Reads every mailbox's inbox now (the "Check inbox now" button). */
  'inbox.check': channel(z.object({}).strict()).returns<InboxCheckSummary>(),
};
