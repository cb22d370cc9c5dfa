import type { AddressInfo } from 'node:net';
import hoodiecrow from 'hoodiecrow-imap';

/** A real IMAP server on loopback for tests (hoodiecrow): an INBOX and a `\Sent` folder, one login. */
export interface LoopbackImap {
  port: number;
  /** delivers a message to the INBOX, as a new mail arriving */
  deliverToInbox(raw: string, internaldate?: Date): void;
  /** the raw messages in a folder ('INBOX' or 'Sent') */
  messages(folder: 'INBOX' | 'Sent'): string[];
  close(): Promise<void>;
}

export interface LoopbackImapOptions {
  user: string;
  password: string;
  inbox?: string[];
  sent?: string[];
  /** name the sent folder without the `\Sent` flag, as servers without SPECIAL-USE do */
  sentName?: string;
  /** STARTTLS with this certificate; otherwise plain IMAP only */
  tls?: { key: string; cert: string };
  /** with `tls`: TLS from the first byte (port 993 style) instead of STARTTLS */
  implicitTls?: boolean;
  /** listen on this port (a server started again where the last one was); default: any free port */
  port?: number;
}

export async function startLoopbackImap(options: LoopbackImapOptions): Promise<LoopbackImap> {
  const sentName = options.sentName ?? 'Sent';
  const server = hoodiecrow({
    plugins: [
      'IDLE',
      'UIDPLUS',
      'ENABLE',
      'SPECIAL-USE',
      'ID',
      'NAMESPACE',
      'LITERALPLUS',
      ...(options.tls ? ['STARTTLS'] : []),
    ],
    storage: {
      INBOX: { messages: (options.inbox ?? []).map((raw) => ({ raw })) },
      '': {
        separator: '/',
        folders: {
          [sentName]: {
            ...(options.sentName ? {} : { 'special-use': '\\Sent' }),
            messages: (options.sent ?? []).map((raw) => ({ raw })),
          },
        },
      },
    },
    users: { [options.user]: { password: options.password } },
    ...(options.tls ? { credentials: options.tls, secureConnection: options.implicitTls === true } : {}),
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const folder = (name: string) => {
    const found = server.getMailbox(name === 'Sent' ? sentName : name);
    if (!found) throw new Error(`no folder ${name}`);
    return found;
  };
  return {
    port,
    deliverToInbox: (raw, internaldate) => void server.appendMessage('INBOX', [], internaldate, raw),
    messages: (name) => folder(name).messages.map((m) => m.raw),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
