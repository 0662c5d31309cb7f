// Go fmt behaviour (facts from fmt/fmt_test.go): verbs, flags, widths, precision, %v of
// composites, shortest float formatting with round-half-even, and fmt's error forms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GoNumber, sprint, sprintf, sprintln, typedSlice } from './index.ts';

test('integers: bases, signs, zero padding and precision', () => {
  assert.equal(sprintf('%d|%+d|% d|%5d|%-5d|%05d|%.3d|%x|%X|%#x|%o|%#o|%O|%b|%c|%q|%U|%#U', 12n, 12n, 12n, 12n, 12n, -12n, 7n, 255n, 255n, 255n, 8n, 8n, 8n, 5n, 65n, 65n, 0x1f600n, 65n),
    "12|+12| 12|   12|12   |-0012|007|ff|FF|0xff|10|010|0o10|101|A|'A'|U+1F600|U+0041 'A'");
  assert.equal(sprintf('%d %x', new GoNumber('uint8', 200), new GoNumber('int64', -1n)), '200 -1');
});

test('floats: %v is the shortest %g (exponent from 1e+06 up), negative zero keeps its sign, fixed precision rounds half to even', () => {
  assert.equal(sprintf('%v %v %v %v %v', 1e6, 123456.0, 1e-5, 0.1 + 0.2, -0), '1e+06 123456 1e-05 0.30000000000000004 -0');
  assert.equal(sprintf('%.2f %.0f %.0f %.1f %e %g %G %8.3f|%-8.2e|', 0.125, 2.5, 3.5, 0.25, 1234.5678, 1e-7, 1e21, Math.PI, 1234.5), '0.12 2 4 0.2 1.234568e+03 1e-07 1E+21    3.142|1.23e+03|');
  assert.equal(sprintf('%f %v %v', Infinity, -Infinity, NaN), '+Inf -Inf NaN');
  assert.equal(sprintf('%v', new GoNumber('float32', 0.1)), '0.1');
});

test('strings: width counts runes, precision truncates, %q uses Go escapes', () => {
  assert.equal(sprintf('[%6s][%-6s][%.2s][%q][%+q][%#q][%x][% X]', 'héé', 'ab', 'héllo', 'a\tb\x00"', 'é', 'raw', 'hi', 'hi'),
    '[   héé][ab    ][hé]["a\\tb\\x00\\""]["\\u00e9"][`raw`][6869][68 69]');
});

test('composites: slices, maps (sorted), nil, typed slices and %#v', () => {
  assert.equal(sprintf('%v %v %v %d', ['a', 1n, null], { b: 2, a: [1] }, null, typedSlice([1n, 2n], '[]int')), '[a 1 <nil>] map[a:[1] b:2] <nil> [1 2]');
  assert.equal(sprintf('%#v %#v', ['a', 1n], { k: 'v' }), '[]interface {}{"a", 1} map[string]interface {}{"k":"v"}');
  assert.equal(sprintf('%T %T %T %T', 1n, 1.5, ['x'], null), 'int float64 []interface {} <nil>');
});

test('bad verbs, missing and extra arguments', () => {
  assert.equal(sprintf('%d %s %z', 'x', 5n, true), '%!d(string=x) %!s(int=5) %!z(bool=true)');
  assert.equal(sprintf('%d %d', 1n), '1 %!d(MISSING)');
  assert.equal(sprintf('%d', 1n, 'a', null), '1%!(EXTRA string=a, <nil>)');
  assert.equal(sprintf('%!'), '%!!(MISSING)');
  assert.equal(sprintf('%'), '%!(NOVERB)');
  assert.equal(sprintf('%[2]d %[1]d', 1n, 2n), '2 1');
  assert.equal(sprintf('%*d|%.*f', 4n, 7n, 1n, 2.25), '   7|2.2');
});

test('Sprint adds spaces only between non-string operands; Sprintln always', () => {
  assert.equal(sprint('a', 1n, 2n, 'b', 'c', 3.5), 'a1 2bc3.5');
  assert.equal(sprintln('a', 1n), 'a 1\n');
});
