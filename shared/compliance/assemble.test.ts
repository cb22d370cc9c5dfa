import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { type AssembledMessage, type AssembleInput, assembleMessage } from './assemble';

const INPUT: AssembleInput = {
  sender: { name: 'Sam Rivera', address: 'sam@fairsend.example' },
  identity: { company: 'Fairsend Ltd', postalAddress: '1 Main St\nSpringfield, IL 62701' },
  recipient: { address: 'dana@acme.example', name: 'Dana Lee' },
  subject: 'Laptops for new hires at Acme',
  html: '<p>Hi Dana,</p><p>Worth a <a href="https://fairsend.example/demo">quick look</a>?</p>',
  text: 'Hi Dana,\n\nWorth a quick look? https://fairsend.example/demo',
  unsubscribe: { httpsUrl: 'https://team.fairsend.example/u/tok123', mailto: 'unsubscribe@fairsend.example' },
  messageIdLocal: 'fs-0001.abc',
};

const build = (over: Partial<AssembleInput> = {}) => assembleMessage({ ...INPUT, ...over });
const ok = (over: Partial<AssembleInput> = {}): AssembledMessage => {
  const r = build(over);
  if (!r.ok) throw new Error(r.reasons.map((x) => x.code).join());
  return r.value;
};
const refused = (over: Partial<AssembleInput>): string[] => {
  const r = build(over);
  return r.ok ? [] : r.reasons.map((x) => x.code);
};
const header = (m: AssembledMessage, name: string) => m.headers.filter(([n]) => n === name).map(([, v]) => v);

describe('assembleMessage', () => {
  it('builds From, To, Subject, Message-ID and the RFC 8058 headers', () => {
    const m = ok();
    expect(m.headers).toEqual([
      ['From', '"Sam Rivera" <sam@fairsend.example>'],
      ['To', '"Dana Lee" <dana@acme.example>'],
      ['Subject', 'Laptops for new hires at Acme'],
      ['Message-ID', '<fs-0001.abc@fairsend.example>'],
      [
        'List-Unsubscribe',
        '<https://team.fairsend.example/u/tok123>, <mailto:unsubscribe@fairsend.example?subject=unsubscribe>',
      ],
      ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
    ]);
    expect(m.messageId).toBe('<fs-0001.abc@fairsend.example>');
    expect(m.envelope).toEqual({ from: 'sam@fairsend.example', to: 'dana@acme.example' });
  });

  it('appends the footer to both bodies: name, company, postal address, visible unsubscribe link', () => {
    const m = ok();
    expect(m.text).toBe(
      'Hi Dana,\n\nWorth a quick look? https://fairsend.example/demo\n\n-- \nSam Rivera, Fairsend Ltd\n1 Main St\n' +
        "Springfield, IL 62701\nDon't want these emails? Unsubscribe: https://team.fairsend.example/u/tok123\n",
    );
    expect(m.html).toMatch(
      /^<p>Hi Dana,<\/p>.*<\/p><div style="[^"]*">.*Sam Rivera, Fairsend Ltd<br>1 Main St<br>Springfield, IL 62701/,
    );
    expect(m.html).toMatch(
      /Don't want these emails\? <a href="https:\/\/team\.fairsend\.example\/u\/tok123">Unsubscribe<\/a><\/p><\/div>$/,
    );
  });

  it('escapes identity fields in the HTML footer and puts it before </body>', () => {
    const m = ok({
      identity: { company: 'A&B <Co>', postalAddress: '<script>x</script>' },
      html: '<html><body><p>Hi</p></BODY></html>',
    });
    expect(m.html).toContain('A&#38;B &#60;Co&#62;');
    expect(m.html).not.toContain('<script>');
    expect(m.html.endsWith('</p></div></BODY></html>')).toBe(true);
  });

  it('generates the plain-text part from the HTML when missing', () => {
    const m = ok({ text: '  ' });
    expect(
      m.text.startsWith('Hi Dana,\n\nWorth a quick look (https://fairsend.example/demo) ?\n\n-- \n'),
    ).toBe(true);
  });

  it('normalises the recipient: lower-case domain, no trailing dot', () => {
    expect(ok({ recipient: { address: 'Dana.Lee@ACME.Example.' } }).envelope.to).toBe(
      'dana.lee@acme.example',
    );
    expect(header(ok({ recipient: { address: 'info@Bücher.de' } }), 'To')).toEqual(['info@xn--bcher-kva.de']);
  });

  it('quotes display names, escaping quotes and backslashes', () => {
    const m = ok({ sender: { name: 'Sam "The Closer" \\ Rivera', address: 'sam@fairsend.example' } });
    expect(header(m, 'From')).toEqual(['"Sam \\"The Closer\\" \\\\ Rivera" <sam@fairsend.example>']);
  });

  it('threads follow-ups: In-Reply-To, and References ending with the parent', () => {
    const m = ok({ thread: { inReplyTo: 'p2@mail.gmail.com', references: ['<p1@fairsend.example>'] } });
    expect(header(m, 'In-Reply-To')).toEqual(['<p2@mail.gmail.com>']);
    expect(header(m, 'References')).toEqual(['<p1@fairsend.example> <p2@mail.gmail.com>']);
    const long = ok({
      thread: {
        inReplyTo: '<p30@x.example>',
        references: Array.from({ length: 30 }, (_, i) => `<p${i + 1}@x.example>`),
      },
    });
    const refs = header(long, 'References')[0]?.split(' ') ?? [];
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('<p1@x.example>');
    expect(refs.at(-1)).toBe('<p30@x.example>');
  });

  it.each<[string, Partial<AssembleInput>, string[]]>([
    [
      'name with CRLF',
      { sender: { name: 'Sam\r\nBcc: all@x.example', address: 'sam@fairsend.example' } },
      ['header-injection', 'display-name-address'],
    ],
    ['missing name', { sender: { name: ' ', address: 'sam@fairsend.example' } }, ['sender-name-missing']],
    ['bad sender address', { sender: { name: 'Sam', address: 'sam@' } }, ['sender-address-invalid']],
    ['subject with LF from a template variable', { subject: 'Hi Acme\n' }, ['header-injection']],
    ['subject with NUL', { subject: 'Hi\0' }, ['header-nul']],
    ['1 MB subject', { subject: 's'.repeat(1 << 20) }, ['header-too-long']],
    ['empty subject', { subject: '' }, ['subject-empty']],
    [
      'recipient name with CR',
      { recipient: { address: 'dana@acme.example', name: 'Dana\rX' } },
      ['header-injection'],
    ],
    [
      'recipient with CRLF',
      { recipient: { address: 'dana@acme.example\r\nBcc: x@y.example' } },
      ['recipient-invalid'],
    ],
    ['recipient without a domain', { recipient: { address: 'dana@' } }, ['recipient-invalid']],
    [
      'missing company',
      { identity: { company: '', postalAddress: '1 Main St' } },
      ['identity-company-missing'],
    ],
    [
      'missing postal address',
      { identity: { company: 'Fairsend', postalAddress: ' \n ' } },
      ['identity-postal-address-missing'],
    ],
    ['NUL in the body', { html: '<p>x\0</p>' }, ['body-nul']],
    [
      'http unsubscribe',
      { unsubscribe: { httpsUrl: 'http://team.example/u/1', mailto: 'u@fairsend.example' } },
      ['unsubscribe-url-invalid'],
    ],
    [
      'unsubscribe with credentials',
      { unsubscribe: { httpsUrl: 'https://a:b@team.example/u/1', mailto: 'u@fairsend.example' } },
      ['unsubscribe-url-invalid'],
    ],
    [
      'unsubscribe URL with CRLF',
      { unsubscribe: { httpsUrl: 'https://team.example/u/1\r\nX: y', mailto: 'u@fairsend.example' } },
      ['unsubscribe-url-invalid'],
    ],
    [
      'bad unsubscribe mailto',
      { unsubscribe: { httpsUrl: 'https://team.example/u/1', mailto: 'mailto:nobody' } },
      ['unsubscribe-mailto-invalid'],
    ],
    ['bad In-Reply-To', { thread: { inReplyTo: '<a b@c>' } }, ['thread-invalid']],
    ['References with CRLF', { thread: { references: ['<a@b>\r\nX: y'] } }, ['thread-invalid']],
    ['bad Message-ID local part', { messageIdLocal: 'a@b' }, ['message-id-invalid']],
    ['empty Message-ID local part', { messageIdLocal: '' }, ['message-id-invalid']],
  ])('refuses %s with a reason', (_, over, expected) => {
    expect(refused(over)).toEqual(expected);
    const r = build(over);
    if (!r.ok) for (const reason of r.reasons) expect(reason.message.length).toBeGreaterThan(10);
  });

  it('accepts a mailto: URI for the unsubscribe address, and keeps one subject', () => {
    const m = ok({
      unsubscribe: {
        httpsUrl: INPUT.unsubscribe.httpsUrl,
        mailto: 'mailto:Opt-Out@Fairsend.Example?subject=x',
      },
    });
    expect(header(m, 'List-Unsubscribe')[0]).toContain(
      '<mailto:opt-out@fairsend.example?subject=unsubscribe>',
    );
  });
});

describe('on the wire', () => {
  const compose = (m: AssembledMessage) =>
    new MailComposer({
      headers: m.headers.map(([key, value]) => ({ key, value })),
      html: m.html,
      text: m.text,
    });

  it('round-trips through MailComposer and mailparser, non-ASCII names included', async () => {
    const m = ok({
      sender: { name: 'José "Pepe" García', address: 'jose@fairsend.example' },
      subject: 'Portátiles para Acme — ¿hablamos?',
      thread: { inReplyTo: '<p1@mail.gmail.com>' },
    });
    const parsed = await simpleParser(await compose(m).compile().build());
    expect(parsed.from?.value).toEqual([{ name: 'José "Pepe" García', address: 'jose@fairsend.example' }]);
    expect(parsed.subject).toBe('Portátiles para Acme — ¿hablamos?');
    expect(parsed.messageId).toBe('<fs-0001.abc@fairsend.example>');
    expect(parsed.inReplyTo).toBe('<p1@mail.gmail.com>');
    expect(parsed.headerLines.find((l) => l.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(parsed.text).toContain('Springfield, IL 62701');
  });

  it('is received by a loopback SMTP server with the RFC 8058 headers and the footer', async () => {
    const received: Buffer[] = [];
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, _session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          done();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port,
        secure: false,
        ignoreTLS: true,
      });
      const m = ok();
      await transport.sendMail({
        envelope: m.envelope,
        headers: m.headers.map(([key, value]) => ({ key, value })),
        html: m.html,
        text: m.text,
      });
      transport.close();
      const parsed = await simpleParser(received[0] ?? Buffer.alloc(0));
      const list = parsed.headerLines.filter((l) => /^list-unsubscribe(-post)?$/.test(l.key));
      expect(list.map((l) => l.key)).toEqual(['list-unsubscribe', 'list-unsubscribe-post']);
      expect(parsed.headers.get('list')).toMatchObject({
        unsubscribe: {
          url: 'https://team.fairsend.example/u/tok123',
          mail: 'unsubscribe@fairsend.example?subject=unsubscribe',
        },
      });
      expect(parsed.messageId).toBe('<fs-0001.abc@fairsend.example>');
      expect(parsed.text?.trimEnd().endsWith('Unsubscribe: https://team.fairsend.example/u/tok123')).toBe(
        true,
      );
      expect(parsed.html).toContain('1 Main St<br>Springfield, IL 62701');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
