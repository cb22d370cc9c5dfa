import { AppError } from '../../shared/ipc/result';
import { escapeHtml } from '../../shared/text/escape-html';

/**
 * What the rep sees when Fairsend cannot start (a damaged audit log or send journal, a locked vault, a data
 * folder it may not write): what happened, what to do, and where the data is. Never a stack trace; the
 * error's own first line only under "Details for support".
 */
export interface StartupProblem {
  title: string;
  explanation: string;
  steps: string[];
  dataDir: string;
  /** the error's first line, for support; never a stack */
  details: string;
}

type Kind =
  | 'audit-log'
  | 'send-journal'
  | 'secrets'
  | 'disk-full'
  | 'no-access'
  | 'damaged-file'
  | 'port-in-use'
  | 'unknown';

const KEEP_FOLDER =
  'Do not delete or edit anything in the data folder below: it is what support needs to put things right.';
const CONTACT = 'Copy the data folder somewhere safe and send it to your Fairsend admin or support.';

const TEXT: Record<Kind, Omit<StartupProblem, 'dataDir' | 'details'>> = {
  'audit-log': {
    title: 'Your activity record could not be verified',
    explanation:
      'Fairsend keeps a tamper-evident record of every email it sends or blocks. That record is damaged or was ' +
      'changed since Fairsend last closed, so Fairsend will not add to it or send anything.',
    steps: [KEEP_FOLDER, CONTACT],
  },
  'send-journal': {
    title: 'Fairsend could not read its record of sent emails',
    explanation:
      'To make sure nobody is emailed twice, Fairsend will not start until it can tell which emails already went out.',
    steps: [KEEP_FOLDER, CONTACT],
  },
  secrets: {
    title: 'Your saved passwords could not be unlocked',
    explanation:
      'Fairsend keeps mailbox passwords and sign-ins locked by your computer, and could not open them.',
    steps: [
      "Make sure you are signed in to your computer's keyring (GNOME Keyring or KWallet on Linux, Keychain on a Mac).",
      'Start Fairsend again.',
    ],
  },
  'disk-full': {
    title: 'Your disk is full',
    explanation: 'Fairsend needs a little free space to record what it sends.',
    steps: ['Free some space on this disk.', 'Start Fairsend again.'],
  },
  'no-access': {
    title: 'Fairsend may not use its data folder',
    explanation: 'Your user account cannot read or write the folder where Fairsend keeps its data.',
    steps: ['Check that the data folder below belongs to you and is not read-only.', 'Start Fairsend again.'],
  },
  'damaged-file': {
    title: 'A Fairsend data file is damaged',
    explanation: 'Fairsend found a file it could not read, and will not guess what it held.',
    steps: [KEEP_FOLDER, CONTACT],
  },
  'port-in-use': {
    title: "Another program is using Fairsend's port",
    explanation:
      'Fairsend in a browser answers on one port of this computer, and something else already has it.',
    steps: [
      'Close the other program (often another Fairsend in a terminal), or set FAIRSEND_PORT to another port.',
      'Start Fairsend again.',
    ],
  },
  unknown: {
    title: 'Fairsend could not start',
    explanation: 'Something unexpected stopped Fairsend while it was starting.',
    steps: ['Start Fairsend again.', `If this happens again: ${CONTACT.toLowerCase()}`],
  },
};

function kindOf(error: unknown, message: string): Kind {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk-full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'no-access';
  if (code === 'EADDRINUSE') return 'port-in-use';
  const name = error instanceof Error ? error.name : '';
  // before the words below: a damaged file's path may hold any of them (a data folder named "vault")
  if (name === 'DamagedFileError') return 'damaged-file';
  if (/audit log/i.test(message)) return 'audit-log';
  if (/send journal/i.test(message)) return 'send-journal';
  if (name === 'VaultUnavailableError' || /keyring|passphrase|\bvault\b/i.test(message)) return 'secrets';
  if (/damaged/i.test(message)) return 'damaged-file';
  return 'unknown';
}

const firstLine = (text: string) => (text.split('\n')[0] ?? '').trim().slice(0, 300);

/** Turns whatever stopped the start into words for the rep. Pure. */
export function describeStartupFailure(error: unknown, dataDir: string): StartupProblem {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const text = TEXT[kindOf(error, message)];
  // An AppError's message is written for the rep (it crosses the bridge as is); anything else is described above.
  const explanation = error instanceof AppError && message ? message : text.explanation;
  return { ...text, explanation, dataDir, details: firstLine(message) || 'No details.' };
}

/**
 * The same words as plain lines, for a terminal (browser mode): what happened, what to do, the data folder,
 * and the error's first line for support. Never a stack trace.
 */
export function startupProblemText(problem: StartupProblem): string {
  return `${problem.title}\n\n${startupProblemBody(problem)}`;
}

/** Everything but the title, as plain lines: for a native message box, which shows the title itself. */
export function startupProblemBody(problem: StartupProblem): string {
  return [
    problem.explanation,
    '',
    'What to do:',
    ...problem.steps.map((step, i) => `  ${i + 1}. ${step}`),
    '',
    `Your data folder: ${problem.dataDir}`,
    `Details for support: ${problem.details}`,
  ].join('\n');
}

/** A self-contained page: no scripts, no outside resources, every piece of text escaped. */
export function startupProblemPage(problem: StartupProblem): string {
  const steps = problem.steps.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(problem.title)}</title>`,
    '<style>body{font:15px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:36rem;padding:0 1.5rem;',
    'color:#1b2333}h1{font-size:1.4rem}code{user-select:all;background:#eef1f6;padding:.1rem .3rem;',
    'border-radius:4px;word-break:break-all}details{margin-top:2rem;color:#5a6475}',
    '@media (prefers-color-scheme:dark){body{background:#161b24;color:#e6e9ef}code{background:#262d3a}}</style>',
    '</head><body>',
    `<h1>${escapeHtml(problem.title)}</h1>`,
    `<p>${escapeHtml(problem.explanation)}</p>`,
    `<h2>What to do</h2><ol>${steps}</ol>`,
    `<p>Your data folder: <code>${escapeHtml(problem.dataDir)}</code></p>`,
    '<p>Closing this window quits Fairsend.</p>',
    `<details><summary>Details for support</summary><p>${escapeHtml(problem.details)}</p></details>`,
    '</body></html>',
  ].join('');
}

/** The page as a data: URL, so showing it needs neither the renderer build nor the app protocol. */
export function startupProblemUrl(problem: StartupProblem): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(startupProblemPage(problem)).toString('base64')}`;
}
