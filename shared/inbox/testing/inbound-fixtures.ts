/**
 * Realistic inbound mail for tests, shaped after what Postfix, Gmail, Yahoo's feedback loop and common
 * clients really send. `ours` is the Message-ID of the message we sent; `lead` is its recipient.
 */
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

export function postfixDsn(ours: string, lead: string, status = '5.1.1', from = 'ana@acme.test'): string {
  return crlf(`Return-Path: <>
Received: by mx.acme.test (Postfix) id 3F2A81C0; Thu, 26 Nov 2026 10:02:11 +0000 (UTC)
Date: Thu, 26 Nov 2026 10:02:11 +0000 (UTC)
From: MAILER-DAEMON@mx.acme.test (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: ${from}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="3F2A81C0.1764151331/mx.acme.test"
Message-Id: <20261126100211.3F2A81C0@mx.acme.test>

This is a MIME-encapsulated message.

--3F2A81C0.1764151331/mx.acme.test
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.acme.test.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<${lead}>: host mx.example.test[192.0.2.10] said: 550 5.1.1
    <${lead}>: Recipient address rejected: User unknown in virtual mailbox
    table (in reply to RCPT TO command)

--3F2A81C0.1764151331/mx.acme.test
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.acme.test
X-Postfix-Queue-ID: 3F2A81C0
X-Postfix-Sender: rfc822; ${from}
Arrival-Date: Thu, 26 Nov 2026 10:02:10 +0000 (UTC)

Final-Recipient: rfc822; ${lead}
Original-Recipient: rfc822;${lead}
Action: ${status.startsWith('4') ? 'delayed' : 'failed'}
Status: ${status}
Remote-MTA: dns; mx.example.test
Diagnostic-Code: smtp; 550 5.1.1 <${lead}>: Recipient address rejected: User
    unknown in virtual mailbox table

--3F2A81C0.1764151331/mx.acme.test
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <${from}>
From: Ana Lopez <${from}>
To: ${lead}
Subject: Quick question about your onboarding
Message-ID: ${ours}
Date: Thu, 26 Nov 2026 10:02:09 +0000

--3F2A81C0.1764151331/mx.acme.test--
`);
}

export function gmailDsn(ours: string, lead: string, from = 'ben@gacme.test'): string {
  return crlf(`Delivered-To: ${from}
Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: ${from}
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
References: ${ours}
In-Reply-To: ${ours}
X-Failed-Recipients: ${lead}
Message-ID: <6763a1b2.050a0220.1c2b.abcd.GMR@mx.google.com>
Date: Thu, 26 Nov 2026 02:14:09 -0800 (PST)
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000a1b2c3"; report-type=delivery-status

--000000000000a1b2c3
Content-Type: multipart/related; boundary="000000000000d4e5f6"

--000000000000d4e5f6
Content-Type: text/html; charset="UTF-8"

<html><body><h2>Address not found</h2><p>Your message wasn't delivered to <a>${lead}</a> because the address couldn't be found.</p></body></html>

--000000000000d4e5f6--

--000000000000a1b2c3
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; ${from}
Arrival-Date: Thu, 26 Nov 2026 02:14:08 -0800 (PST)
X-Original-Message-ID: ${ours}

Final-Recipient: rfc822; ${lead}
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.test. (192.0.2.10, the server for the domain example.test.)
Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist.
Last-Attempt-Date: Thu, 26 Nov 2026 02:14:09 -0800 (PST)

--000000000000a1b2c3
Content-Type: message/rfc822

From: Ben <${from}>
To: ${lead}
Subject: Hello
Message-ID: ${ours}
Date: Thu, 26 Nov 2026 02:14:07 -0800

Hello there.

--000000000000a1b2c3--
`);
}

export function arfReport(ours: string, lead: string, redacted = false): string {
  return crlf(`From: <staff@hotmail.example>
Date: Thu, 26 Nov 2026 12:00:00 +0000
Subject: FW: Quick question
To: <abuse@acme.test>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report;
     boundary="part1_13d.2e68ed54_boundary"

--part1_13d.2e68ed54_boundary
Content-Type: text/plain; charset="US-ASCII"
Content-Transfer-Encoding: 7bit

This is an email abuse report for an email message received from IP 192.0.2.1 on Thu, 26 Nov 2026.

--part1_13d.2e68ed54_boundary
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: SomeGenerator/1.0
Version: 1
Original-Mail-From: <ana@acme.test>
${redacted ? '' : `Original-Rcpt-To: <${lead}>\n`}Arrival-Date: Thu, 26 Nov 2026 11:58:00 +0000
Source-IP: 192.0.2.1

--part1_13d.2e68ed54_boundary
Content-Type: message/rfc822
Content-Disposition: inline

From: <ana@acme.test>
To: <${redacted ? 'redacted@example.test' : lead}>
Subject: Quick question
Message-ID: ${ours}
Date: Thu, 26 Nov 2026 11:57:00 +0000

Hi there
--part1_13d.2e68ed54_boundary--
`);
}

/** A plain reply: headers, a body the caller writes, and the quoted original with our footer. */
export function reply(
  ours: string,
  lead: string,
  body: string,
  extraHeaders = '',
  subject = 'Re: Quick question about your onboarding',
): string {
  return crlf(`From: Lee Park <${lead}>
To: Ana Lopez <ana@acme.test>
Subject: ${subject}
Date: Thu, 26 Nov 2026 14:00:00 +0000
Message-ID: <CAF${Math.abs(hash(body))}@mail.example.test>
In-Reply-To: ${ours}
References: ${ours}
${extraHeaders}MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"

${body}

On Thu, 26 Nov 2026 at 10:02, Ana Lopez <ana@acme.test> wrote:
> Hi Lee, quick question about your onboarding.
>
> --
> Acme Ltd, 1 Main St, Springfield 12345
> Don't want these emails? Unsubscribe: https://team.acme.test/u/abc
`);
}

export function mailtoUnsubscribe(lead: string, mailto: string): string {
  return crlf(`From: ${lead}
To: ${mailto}
Subject: unsubscribe
Date: Thu, 26 Nov 2026 15:00:00 +0000
Message-ID: <unsub-1@mail.example.test>
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"

This message was automatically generated by Mail to unsubscribe you from the list.
`);
}

const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);

/** The plain-text body of a single-part test message (main gets it from mailparser). */
export const bodyOf = (raw: string) => raw.slice(raw.indexOf('\r\n\r\n') + 4);
