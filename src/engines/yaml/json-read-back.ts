// sigs.k8s.io/yaml's Marshal (Helm's toYaml, kustomize's output) writes the value as Go's JSON and has
// go-yaml v2 read that text back before printing it. JSON leaves some characters raw that YAML treats
// specially, so a string can come back changed, or the read can fail (Helm's toYaml then prints nothing;
// kustomize fails the build).

// Characters Go's JSON leaves raw but go-yaml refuses to read.
const UNREADABLE = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

// A raw NEL (U+0085) is a line break to go-yaml, so "---" or "..." right after one, followed by a space
// or another break, reads as a document marker. (At the end of the string the JSON quote follows.)
const MARKER_AFTER_NEL = /\u0085(?:---|\.\.\.)(?=[ \u0085])/;

function checkReadable(s: string): void {
  if (MARKER_AFTER_NEL.test(s)) throw new Error(`yaml: found unexpected document indicator (in ${JSON.stringify(s).slice(0, 80)})`);
  const bad = UNREADABLE.exec(s);
  if (bad) throw new Error(`yaml: control characters are not allowed (U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} in ${JSON.stringify(s).slice(0, 80)})`);
}

/**
 * A string value as it reads back. Inside the double-quoted JSON string a raw NEL folds like a line
 * break: a single one (with the spaces around it) becomes a space, n in a row become n-1 newlines. Only
 * spaces are raw whitespace in Go's JSON text (a tab is written as the escape \t).
 */
export function readBackString(s: string): string {
  checkReadable(s);
  if (!s.includes('\u0085')) return s;
  return s.replace(/ *\u0085(?: *\u0085)* */g, (run) => {
    const breaks = run.split('\u0085').length - 1;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/** A mapping key as it reads back: a raw NEL in a key breaks the JSON object's flow mapping. */
export function readBackKey(s: string): string {
  checkReadable(s);
  if (s.includes('\u0085')) throw new Error(`yaml: line 1: did not find expected ',' or '}' (key ${JSON.stringify(s).slice(0, 80)})`);
  return s;
}
