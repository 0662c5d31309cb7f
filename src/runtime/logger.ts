// Structured logs as Flux's controllers write them (zap JSON through controller-runtime): one JSON object
// per line with `level`, `ts` (ISO 8601), `msg`, then the context fields (`controller`,
// `controllerGroup`, `controllerKind`, `name`, `namespace`, `reconcileID`) and `error` on failures.
// Every line is JSON, whatever the values are, so log pipelines never choke on a stray line.

export type LogLevel = 'trace' | 'debug' | 'info' | 'error';

const severity: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, error: 3 };

export type LogFields = Record<string, unknown>;

export interface LoggerOptions {
  level?: LogLevel;
  /** Receives one complete line (with the trailing newline). Defaults to stderr, as Flux does. */
  write?: (line: string) => void;
  now?: () => Date;
}

export function parseLogLevel(value: string): LogLevel {
  if (value in severity) return value as LogLevel;
  throw new Error(`unknown log level "${value}": use one of ${Object.keys(severity).join(', ')}`);
}

export class Logger {
  readonly level: LogLevel;
  readonly #write: (line: string) => void;
  readonly #now: () => Date;
  readonly #fields: LogFields;

  constructor(opts: LoggerOptions = {}, fields: LogFields = {}) {
    this.level = opts.level ?? 'info';
    this.#write = opts.write ?? ((line) => process.stderr.write(line));
    this.#now = opts.now ?? (() => new Date());
    this.#fields = fields;
  }

  /** A logger that adds `fields` to every line (e.g. the controller, then the object being reconciled). */
  with(fields: LogFields): Logger {
    return new Logger({ level: this.level, write: this.#write, now: this.#now }, { ...this.#fields, ...fields });
  }

  enabled(level: LogLevel): boolean {
    return severity[level] >= severity[this.level];
  }

  trace(msg: string, fields?: LogFields): void {
    this.#log('trace', msg, fields);
  }

  debug(msg: string, fields?: LogFields): void {
    this.#log('debug', msg, fields);
  }

  info(msg: string, fields?: LogFields): void {
    this.#log('info', msg, fields);
  }

  error(msg: string, error?: unknown, fields?: LogFields): void {
    this.#log('error', msg, error === undefined ? fields : { ...fields, error: errorText(error) });
  }

  #log(level: LogLevel, msg: string, fields?: LogFields): void {
    if (!this.enabled(level)) return;
    const entry = { level, ts: this.#now().toISOString(), msg, ...this.#fields, ...fields };
    this.#write(`${safeStringify(entry)}\n`);
  }
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : safeStringify(error);
}

/** JSON.stringify that never throws: bigints become strings, cycles and errors are spelled out. */
function safeStringify(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Error) return v.message;
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    return v;
  }) ?? 'null';
}
