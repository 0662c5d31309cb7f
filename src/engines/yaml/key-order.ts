// go-yaml v2's order of mapping keys when it marshals a map (keyList.Less), which both Helm's toYaml and
// kustomize's output show: letters by code point and before other characters, runs of digits by their
// numeric value (accumulated in an int64, wrapping as Go's does), a shorter key first.
const IS_LETTER = /\p{L}/u;
const IS_DIGIT = /\p{Nd}/u;

const codePoint = (c: string): number => c.codePointAt(0) ?? 0;

/** A negative number, zero or a positive number, as `a` sorts before, with or after `b`. */
export function compareKeysV2(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = IS_LETTER.test(ar[i]!);
    const bl = IS_LETTER.test(br[i]!);
    if (al && bl) return codePoint(ar[i]!) - codePoint(br[i]!);
    if (al || bl) return bl ? -1 : 1;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && IS_DIGIT.test(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && IS_DIGIT.test(ar[ai]!); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(codePoint(ar[ai]!) - 48));
    for (; bi < br.length && IS_DIGIT.test(br[bi]!); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(codePoint(br[bi]!) - 48));
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai - bi;
    return codePoint(ar[i]!) - codePoint(br[i]!);
  }
  return ar.length - br.length;
}
