/**
 * An incremental RFC 4180 CSV reader for user import files: fed text in chunks of any size, it hands back whole
 * records with the 1-based line each starts on. Quoted fields may hold commas, doubled quotes and line breaks;
 * CRLF and LF both end a record; a leading byte-order mark is dropped. Lines without a quote take a fast path
 * (one split), which is what keeps a million-row file cheap. It never interprets values: that is rows.ts's job.
 */

export interface CsvRecord {
  /** Line number (1-based) where the record starts. */
  line: number;
  fields: string[];
}

export class CsvReader {
  #buf = '';
  #line = 1;
  #first = true;

  /** Adds text and returns every record now complete. */
  push(text: string): CsvRecord[] {
    if (this.#first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.#first = false;
    }
    this.#buf += text;
    return this.#drain(false);
  }

  /** The last record (a file need not end with a line break). */
  end(): CsvRecord[] {
    return this.#drain(true);
  }

  #drain(final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const buf = this.#buf;
    let pos = 0;
    // The next quote at or after pos, found once per stretch: rescanning for it on every line would be quadratic
    // in a long quote-free buffer.
    let quote = buf.indexOf('"');
    while (pos < buf.length) {
      const nl = buf.indexOf('\n', pos);
      if (nl === -1 && !final) break;
      const end = nl === -1 ? buf.length : nl;
      if (quote !== -1 && quote < pos) quote = buf.indexOf('"', pos);
      if (quote === -1 || quote >= end) {
        const lineText = buf.charCodeAt(end - 1) === 13 ? buf.slice(pos, end - 1) : buf.slice(pos, end);
        if (lineText.length > 0) out.push({ line: this.#line, fields: lineText.split(',') });
        this.#line++;
        pos = end + 1;
        continue;
      }
      const r = parseQuoted(buf, pos, final);
      if (!r) break; // the record continues in text not yet received
      if (r.fields.length > 1 || r.fields[0] !== '') out.push({ line: this.#line, fields: r.fields });
      this.#line += r.lines;
      pos = r.next;
    }
    this.#buf = buf.slice(Math.min(pos, buf.length));
    return out;
  }
}

/** Parses one record that contains quotes, from `start`; undefined when it is not complete yet. */
function parseQuoted(s: string, start: number, final: boolean): { fields: string[]; next: number; lines: number } | undefined {
  const fields: string[] = [];
  let field = '';
  let i = start;
  let lines = 1;
  let quoted = false;
  let atFieldStart = true;
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        if (i + 1 >= s.length && !final) return undefined; // cannot tell "" from " yet
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') lines++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === '\n' || (c === '\r' && s[i + 1] === '\n')) {
      fields.push(field);
      return { fields, next: c === '\n' ? i + 1 : i + 2, lines };
    }
    if (c === '\r' && i + 1 >= s.length && !final) return undefined;
    field += c;
    atFieldStart = false;
    i++;
  }
  if (!final) return undefined;
  fields.push(field);
  return { fields, next: s.length, lines };
}

/** All records of a whole text. */
export function parseCsv(text: string): CsvRecord[] {
  const r = new CsvReader();
  return [...r.push(text), ...r.end()];
}
