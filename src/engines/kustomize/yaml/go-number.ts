// Number text as kustomize prints it. kustomize hands each resource to encoding/json and the JSON text
// back to go-yaml v2, so a number's final form is: Go's JSON formatting of the float64, read again as
// YAML (an integer if it fits int64/uint64, a float otherwise), then printed by yaml.v2 (integers as
// digits, floats with strconv's shortest 'g' format: 1e+06, 1.5e-07, 3.14).

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

export function formatNumber(value: number | bigint): string {
  if (typeof value === 'bigint') {
    if (value >= INT64_MIN && value <= UINT64_MAX) return value.toString();
    return formatGoFloatG(Number(value));
  }
  if (!Number.isFinite(value)) throw new Error(`json: unsupported value: ${value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN'}`);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) {
    // Go's JSON writes the shortest digits padded with zeros (as String() does below 1e21); YAML reads
    // that back as an integer when it fits 64 bits.
    const big = BigInt(String(value));
    if (big >= INT64_MIN && big <= UINT64_MAX) return big.toString();
  }
  return formatGoFloatG(value);
}

/** strconv.FormatFloat(f, 'g', -1, 64). */
export function formatGoFloatG(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const neg = value < 0;
  // JavaScript's toExponential() without digits gives the same shortest round-trip digits as Go.
  const [mantissa, expText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  let out: string;
  // Go switches to the exponent form below 1e-4 and, for shortest formatting, from 1e+06 up.
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const sign = exp < 0 ? '-' : '+';
    const abs = Math.abs(exp);
    out = `${digits[0]}${frac}e${sign}${abs < 10 ? '0' : ''}${abs}`;
  } else if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = digits + '0'.repeat(exp + 1 - digits.length);
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return neg ? `-${out}` : out;
}
