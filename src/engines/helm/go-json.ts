// How encoding/json writes a float: what sigs.k8s.io/yaml's JSON round trip hands to go-yaml, so the
// YAML encoder knows whether a number comes back as an integer. (Full json.Marshal lives in
// sprig/go-json.ts, which toJson uses.)

/** Go's float formatting in encoding/json: %f-like between 1e-6 and 1e21, else exponent with at least one digit. */
export function formatGoJsonFloat(f: number, bits: 32 | 64): string {
  if (!Number.isFinite(f)) throw new Error(`json: unsupported value: ${goFloatName(f)}`);
  // JavaScript's Number→string uses the same thresholds and shortest digits as Go's encoder for float64.
  if (bits === 64) return Object.is(f, -0) ? '-0' : String(f);
  return String(shortestFloat32(f));
}

function goFloatName(f: number): string {
  return Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
}

/** The shortest decimal that reads back as the same float32. */
function shortestFloat32(f: number): number {
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(f.toPrecision(p));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}
