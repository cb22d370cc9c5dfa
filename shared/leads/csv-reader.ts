/**
 * A push parser for CSV text that arrives in pieces. Decoding stays with the caller (a streaming
 * TextDecoder keeps characters whole across chunk edges, which papaparse's own file reader does not),
 * and papaparse's core parser splits the text. The unfinished last record of each piece is carried
 * over; a record that stays unfinished past MAX_RECORD_CHARS is a quote that never closes, and the
 * reader stops instead of swallowing the rest of the file.
 */
import Papa from 'papaparse';
import type { Newline } from './csv-sniff';

/** Far above a legal record (50 custom values of 10,000 characters, plus the fields). */
export const MAX_RECORD_CHARS = 1_048_576;

export type QuoteProblem = 'unclosed-quote' | 'stray-quote';

export interface CsvPiece {
  records: string[][];
  /** 0-based index (in the whole file) of records[0] */
  first: number;
  /** quoting problems, by 0-based record index in the whole file */
  problems: Map<number, QuoteProblem>;
  /** set when an unfinished record grew past MAX_RECORD_CHARS: its 0-based index; the reader is done */
  runaway?: number;
}

interface ParserOutput {
  data: string[][];
  errors: { code: string; row?: number }[];
  meta: { cursor: number };
}

export class CsvReader {
  private carry = '';
  private count = 0;
  private stopped = false;
  private readonly config: { delimiter: string; newline: Newline; quoteChar: '"' };

  constructor(
    delimiter: string,
    newline: Newline,
    private readonly maxRecordChars = MAX_RECORD_CHARS,
  ) {
    this.config = { delimiter, newline, quoteChar: '"' };
  }

  /** Records read so far. */
  get recordCount(): number {
    return this.count;
  }

  /** Parses the complete records in `text` (plus what was carried over); keeps the unfinished tail. */
  push(text: string): CsvPiece {
    return this.parse(this.carry + text, false);
  }

  /** The last record, which needs no line break after it. */
  end(): CsvPiece {
    return this.parse(this.carry, true);
  }

  private parse(input: string, last: boolean): CsvPiece {
    const first = this.count;
    if (this.stopped) return { records: [], first, problems: new Map() };
    const out: ParserOutput = new Papa.Parser(this.config).parse(input, 0, !last);
    this.carry = last ? '' : input.slice(out.meta.cursor);
    this.count += out.data.length;
    const problems = new Map<number, QuoteProblem>();
    for (const error of out.errors) {
      if (error.row === undefined) continue;
      const kind: QuoteProblem = error.code === 'MissingQuotes' ? 'unclosed-quote' : 'stray-quote';
      // An unclosed quote is the worse news; keep it when a row has both.
      if (problems.get(first + error.row) !== 'unclosed-quote') problems.set(first + error.row, kind);
    }
    const piece: CsvPiece = { records: out.data, first, problems };
    if (this.carry.length > this.maxRecordChars) {
      this.stopped = true;
      this.carry = '';
      piece.runaway = this.count;
    }
    return piece;
  }
}
