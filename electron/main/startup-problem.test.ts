import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/ipc/result';
import {
  describeStartupFailure,
  startupProblemPage,
  startupProblemText,
  startupProblemUrl,
} from './startup-problem';
import { VaultUnavailableError } from './vault/vault';

const dataDir = '/home/rep/.config/Fairsend';

const errno = (code: string, message: string) => Object.assign(new Error(message), { code });

/** The text a person reads on the page: tags stripped, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style>.*?<\/style>/s, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');
}

describe('describeStartupFailure', () => {
  it.each([
    [new Error('The audit log is damaged at event 12 (hash); refusing to extend it.'), 'activity record'],
    [
      new Error('The send journal is damaged at line 3; refusing to guess what was sent.'),
      'record of sent emails',
    ],
    [new VaultUnavailableError('No keyring is running.'), 'passwords could not be unlocked'],
    [errno('ENOSPC', 'ENOSPC: no space left on device, write'), 'disk is full'],
    [errno('EACCES', "EACCES: permission denied, open '/x/audit.jsonl'"), 'may not use its data folder'],
    [
      errno('EADDRINUSE', 'listen EADDRINUSE: address already in use 127.0.0.1:5317'),
      "using fairsend's port",
    ],
    [
      new Error('/home/rep/.config/Fairsend/mailboxes.json is damaged; fix or remove it'),
      'data file is damaged',
    ],
    [new TypeError("Cannot read properties of undefined (reading 'x')"), 'could not start'],
    ['a string was thrown', 'could not start'],
    [null, 'could not start'],
  ])('names %s as a problem the rep understands', (error, title) => {
    const problem = describeStartupFailure(error, dataDir);
    expect(problem.title.toLowerCase()).toContain(title);
    expect(problem.steps.length).toBeGreaterThan(0);
    expect(problem.dataDir).toBe(dataDir);
  });

  it('shows an AppError as written (it is worded for the rep), and only the first line of anything', () => {
    const locked = describeStartupFailure(
      new AppError('unavailable', 'Unlock your secrets with your passphrase first.'),
      dataDir,
    );
    expect(locked.explanation).toBe('Unlock your secrets with your passphrase first.');
    const error = new Error('first line\n    at secretFunction (/src/electron/main/x.ts:1:1)');
    const problem = describeStartupFailure(error, dataDir);
    expect(problem.details).toBe('first line');
    expect(problem.explanation).not.toContain('first line');
  });
});

describe('startupProblemPage', () => {
  it('shows what happened, what to do and the data folder, and never a stack trace', () => {
    const error = new Error('The send journal is damaged at line 3; refusing to guess what was sent.');
    error.stack = `${error.message}\n    at load (/work/main/electron/main/send/send-journal.ts:115:15)`;
    const html = startupProblemPage(describeStartupFailure(error, dataDir));
    const text = visibleText(html);
    expect(text).toContain('Fairsend could not read its record of sent emails');
    expect(text).toContain('What to do');
    expect(text).toContain(dataDir);
    expect(text).toContain('damaged at line 3');
    expect(text).not.toMatch(/\bat load\b|send-journal\.ts|electron\/main/);
  });

  it('escapes every piece of text, so an error message cannot inject markup or script', () => {
    const html = startupProblemPage(
      describeStartupFailure(
        new Error('<img src=x onerror=alert(1)> is damaged'),
        '/tmp/<script>alert(1)</script>',
      ),
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).toContain("default-src 'none'");
  });

  it('is carried whole in a data: URL', () => {
    const problem = describeStartupFailure(new Error('x'), dataDir);
    const url = startupProblemUrl(problem);
    expect(url.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(Buffer.from(url.split(',')[1] ?? '', 'base64').toString()).toBe(startupProblemPage(problem));
  });
});

describe('startupProblemText', () => {
  it('is the same words as plain lines for a terminal: title first, numbered steps, the folder, no stack', () => {
    const error = new Error('The send journal is damaged at line 3; refusing to guess what was sent.');
    error.stack = `${error.message}\n    at load (/work/main/electron/main/send/send-journal.ts:115:15)`;
    const problem = describeStartupFailure(error, dataDir);
    const lines = startupProblemText(problem).split('\n');
    expect(lines[0]).toBe('Fairsend could not read its record of sent emails');
    expect(lines).toContain(problem.explanation);
    expect(lines).toContain('What to do:');
    expect(lines).toContain(`  1. ${problem.steps[0]}`);
    expect(lines).toContain(`Your data folder: ${dataDir}`);
    expect(lines.at(-1)).toBe(
      'Details for support: The send journal is damaged at line 3; refusing to guess what was sent.',
    );
    expect(lines.join('\n')).not.toMatch(/\bat load\b|send-journal\.ts/);
  });
});
