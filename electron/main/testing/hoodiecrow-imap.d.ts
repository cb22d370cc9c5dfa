/** The slice of hoodiecrow-imap (a scriptable IMAP server, untyped) that the loopback IMAP test server uses. */
declare module 'hoodiecrow-imap' {
  import type { Server } from 'node:net';

  interface HoodiecrowMessage {
    raw: string;
    flags?: string[];
    internaldate?: Date | string;
    uid?: number;
  }
  interface HoodiecrowFolder {
    'special-use'?: string;
    messages?: HoodiecrowMessage[];
    folders?: Record<string, HoodiecrowFolder>;
  }
  interface HoodiecrowMailbox {
    messages: HoodiecrowMessage[];
    uidvalidity: number;
  }
  interface HoodiecrowOptions {
    plugins?: string[];
    storage?: Record<string, HoodiecrowFolder & { separator?: string }>;
    users?: Record<string, { password: string }>;
    /** implicit TLS on connect */
    secureConnection?: boolean;
    /** key and certificate for TLS and STARTTLS */
    credentials?: { key: string; cert: string };
  }
  interface HoodiecrowServer {
    server: Server;
    listen(port: number, host: string, callback: () => void): void;
    close(callback: () => void): void;
    getMailbox(path: string): HoodiecrowMailbox | undefined;
    appendMessage(
      mailbox: string,
      flags: string[],
      internaldate: Date | string | undefined,
      raw: string,
    ): { message: HoodiecrowMessage };
  }
  export default function hoodiecrow(options?: HoodiecrowOptions): HoodiecrowServer;
}
