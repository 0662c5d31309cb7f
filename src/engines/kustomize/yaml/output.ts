// The text of one document as the writer builds it, with the column the scalar emitter's folding needs.
import { needsQuotingV2 } from '../../yaml/resolve.ts';
import { writeScalar, type ScalarSink } from '../../yaml/scalar.ts';

/** go-yaml v2's Marshal folds long lines at this column. */
const BEST_WIDTH = 80;

export class Output {
  private parts: string[] = [];
  column = 0;
  /** True right after a line break, before anything else is written on the new line. */
  atLineStart = true;

  write(text: string): void {
    this.parts.push(text);
    this.atLineStart = false;
    // Columns count characters, not bytes or UTF-16 units.
    for (const ch of text) this.column = ch === '\n' ? 0 : this.column + 1;
  }

  newline(indent: number): void {
    this.parts.push('\n' + ' '.repeat(indent));
    this.column = indent;
    this.atLineStart = indent === 0;
  }

  /** Moves to a fresh line indented by `indent`, unless the output already sits at the start of one. */
  startLine(indent: number): void {
    if (this.atLineStart) {
      this.parts.push(' '.repeat(indent));
      this.column = indent;
      this.atLineStart = indent === 0;
    } else this.newline(indent);
  }

  /**
   * Writes a string scalar at the current position. `indent` is where continuation lines and block
   * content go; `simpleKey` is true for mapping keys (no folding, no block styles).
   */
  writeString(s: string, indent: number, simpleKey: boolean): void {
    writeScalar(new IndentedSink(this, indent), s, { simpleKey, quote: needsQuotingV2(s), width: BEST_WIDTH });
  }

  text(): string {
    return this.parts.join('');
  }
}

/** The output seen by one scalar, whose continuation lines and block content go at `indent`. */
class IndentedSink implements ScalarSink {
  private readonly out: Output;
  private readonly indentation: number;

  constructor(out: Output, indentation: number) {
    this.out = out;
    this.indentation = indentation;
  }

  get column(): number {
    return this.out.column;
  }

  write(text: string): void {
    this.out.write(text);
  }

  lineBreak(c: string): void {
    if (c === '\n') this.out.newline(0);
    else {
      this.out.write(c);
      this.out.column = 0;
      this.out.atLineStart = true;
    }
  }

  fold(): void {
    this.out.newline(this.indentation);
  }

  indent(): void {
    this.out.write(' '.repeat(this.indentation));
  }
}
