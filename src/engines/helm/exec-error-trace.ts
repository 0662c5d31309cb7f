// Helm 4 prints a template execution error as a trace: one entry per error in Go's unwrap chain
// (location, then the executed action, then the message), where Helm 3 prints text/template's one-line
// message. A chain holding any error that is not text/template's keeps the one-line message.

interface TraceEntry {
  location: string;
  action: string;
  message: string;
}

const same = (a: TraceEntry, b: TraceEntry) => a.location === b.location && a.action === b.action && a.message === b.message;

/** Drops a chained " template: ..." tail: that error has its own entry further down the chain. */
const ownPart = (message: string) => {
  const cut = message.indexOf(' template:');
  return cut < 0 ? message : message.slice(0, cut);
};

function parseEntry(text: string): TraceEntry | undefined {
  if (!text.startsWith('template: ')) return undefined;
  const rest = text.slice('template: '.length);
  if (rest.startsWith('no template ')) return { location: '', action: '', message: text };
  const executing = rest.indexOf(': executing "');
  if (executing >= 0) {
    const afterName = rest.slice(executing + ': executing "'.length);
    const quote = afterName.indexOf('"');
    if (quote < 0 || !afterName.startsWith(' at <', quote + 1)) return undefined;
    const afterAt = afterName.slice(quote + 1 + ' at <'.length);
    const end = afterAt.indexOf('>: ');
    if (end < 0) return undefined;
    return {
      location: rest.slice(0, executing),
      action: `executing "${afterName.slice(0, quote)}" at <${afterAt.slice(0, end)}>:`,
      message: ownPart(afterAt.slice(end + 3)),
    };
  }
  const sep = rest.lastIndexOf(': ');
  if (sep < 0) return undefined;
  return { location: rest.slice(0, sep), action: '', message: ownPart(rest.slice(sep + 2)) };
}

/** The Helm 4 text of a template execution error, or undefined where Helm 4 keeps the message as is. */
export function helm4ExecErrorTrace(err: Error): string | undefined {
  const entries: TraceEntry[] = [];
  for (let current: unknown = err; current instanceof Error; current = current.cause) {
    const entry = parseEntry(current.message);
    if (!entry) return undefined;
    if (entries.length === 0 || !same(entries.at(-1)!, entry)) entries.push(entry);
  }
  const text = entries
    .map((e) => (e.location ? `${e.location}\n  ` : '') + (e.action ? `${e.action}\n    ` : '') + (e.message ? `${e.message}\n` : ''))
    .join('');
  return text.trim();
}
