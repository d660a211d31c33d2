/**
 * Where each statement sits in a policy's JSON text, for SimulateCustomPolicy's StartPosition/EndPosition
 * (1-based line and column of the statement's `{` and of its closing `}`). Runs only on text that
 * JSON.parse already accepted, so it skips values without validating them; it never parses meaning.
 */

export interface TextPosition {
  readonly Line: number;
  readonly Column: number;
}
export interface StatementSpan {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

class Scanner {
  i = 0;
  constructor(readonly text: string) {}

  ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i])) this.i++;
  }

  string(): string {
    const start = this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"') this.i += this.text[this.i] === '\\' ? 2 : 1;
    this.i++;
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  /** Skips one value; returns its first and last character offsets. */
  value(onMember?: (key: string, span: () => [number, number]) => void): [number, number] {
    this.ws();
    const start = this.i;
    const c = this.text[this.i];
    if (c === '"') this.string();
    else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      this.i++;
      this.ws();
      while (this.text[this.i] !== close) {
        if (c === '{') {
          this.ws();
          const key = this.string();
          this.ws();
          this.i++; // ':'
          if (onMember) onMember(key, () => this.value());
          else this.value();
        } else this.value();
        this.ws();
        if (this.text[this.i] === ',') this.i++;
        this.ws();
      }
      this.i++;
    } else while (this.i < this.text.length && !',]} \t\n\r'.includes(this.text[this.i])) this.i++;
    return [start, this.i - 1];
  }
}

function position(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { Line: line, Column: offset - before.lastIndexOf('\n') };
}

/** The spans of the document's statements in order; empty when there is no top-level Statement. */
export function statementSpans(text: string): StatementSpan[] {
  const scanner = new Scanner(text);
  const spans: [number, number][] = [];
  scanner.value((key, skip) => {
    if (key !== 'Statement') return void skip();
    scanner.ws();
    if (text[scanner.i] !== '[') return void spans.push(skip());
    scanner.i++;
    scanner.ws();
    while (text[scanner.i] !== ']') {
      spans.push(scanner.value());
      scanner.ws();
      if (text[scanner.i] === ',') scanner.i++;
      scanner.ws();
    }
    scanner.i++;
  });
  return spans.map(([s, e]) => ({ start: position(text, s), end: position(text, e) }));
}
