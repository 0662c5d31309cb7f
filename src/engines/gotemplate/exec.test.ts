// Execution behaviour of Go's text/template (facts from text/template's exec_test.go):
// truthiness, range forms, missingkey modes, comparison typing, built-ins and error texts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GoNumber, TemplateError, TemplateSet, goFunc, typedSlice } from './index.ts';
import type { MissingKey } from './index.ts';

const render = (text: string, data: unknown = {}, missingKey: MissingKey = 'default'): string =>
  new TemplateSet({ missingKey }).funcs({ upper: goFunc(['string'], (s: string) => s.toUpperCase()) }).parse('t', text).execute('t', data);

const execError = (text: string, data: unknown = {}, missingKey: MissingKey = 'default'): string => {
  try {
    render(text, data, missingKey);
  } catch (e) {
    assert.ok(e instanceof TemplateError);
    return e.message;
  }
  return '';
};

test('empty values are false: 0, "", nil, empty slices and maps', () => {
  assert.equal(render('{{if 0}}a{{end}}{{if ""}}b{{end}}{{if .n}}c{{end}}{{if .l}}d{{end}}{{if .m}}e{{end}}{{if 1}}T{{end}}', { n: null, l: [], m: {} }), 'T');
});

test('range visits slices in order, maps in sorted key order, integers from 0; else runs when empty', () => {
  assert.equal(render('{{range $i, $v := .}}{{$i}}{{$v}}{{end}}', ['a', 'b']), '0a1b');
  assert.equal(render('{{range $k, $v := .}}{{$k}}={{$v}};{{end}}', { b: 2, a: 1, C: 3 }), 'C=3;a=1;b=2;');
  assert.equal(render('{{range 3}}{{.}}{{end}}'), '012');
  assert.equal(render('{{range .}}x{{else}}none{{end}}', []), 'none');
  assert.equal(render('{{range .}}{{if eq . 2.0}}{{continue}}{{end}}{{if eq . 4.0}}{{break}}{{end}}{{.}}{{end}}', [1, 2, 3, 4, 5]), '13');
});

test('missing keys print <no value>, are nil with missingkey=zero and fail with missingkey=error', () => {
  assert.equal(render('{{.x}}'), '<no value>');
  assert.equal(render('{{.x.y}}'), '<no value>');
  assert.equal(execError('{{.x.y}}', {}, 'zero'), 'template: t:1:4: executing "t" at <.x.y>: nil pointer evaluating interface {}.y');
  assert.equal(execError('{{.x}}', {}, 'error'), 'template: t:1:2: executing "t" at <.x>: map has no entry for key "x"');
});

test('float64 values print in shortest %g form; ints as integers', () => {
  assert.equal(render('{{.a}} {{.b}} {{.c}} {{.d}}', { a: 8080, b: 1e6, c: 12345678, d: 0.5 }), '8080 1e+06 1.2345678e+07 0.5');
});

test('eq compares basic kinds and refuses mixed int/float', () => {
  assert.equal(render('{{eq 1 1}} {{eq "a" "b" "a"}} {{ne 1 2}} {{lt 1.5 2.5}}'), 'true true true true');
  assert.equal(execError('{{eq .p 80}}', { p: 80 }), 'template: t:1:2: executing "t" at <eq .p 80>: error calling eq: incompatible types for comparison: float64 and int');
  assert.equal(render('{{eq .a (index .b 0)}}', { a: new GoNumber('uint8', 7), b: [7n] }), 'true');
});

test('and/or short-circuit and return the deciding operand', () => {
  assert.equal(render('{{or 0 "" "x"}} {{and 1 0 (index .l 9)}} {{or 1 (index .l 9)}}', { l: [] }), 'x 0 1');
});

test('typed function parameters are checked like Go reflection does', () => {
  assert.equal(execError('{{upper 5}}'), 'template: t:1:8: executing "t" at <5>: expected string; found 5');
  assert.equal(execError('{{upper .p}}', { p: 5 }), 'template: t:1:8: executing "t" at <.p>: wrong type for value; expected string; got float64');
  assert.equal(execError('{{upper .missing}}'), 'template: t:1:8: executing "t" at <.missing>: invalid value; expected string');
  assert.equal(execError('{{upper "a" "b"}}'), 'template: t:1:2: executing "t" at <upper>: wrong number of args for upper: want 1 got 2');
});

test('index, slice and len work on bytes of strings, slices and maps', () => {
  assert.equal(render('{{index "héllo" 1}} {{slice "héllo" 0 3}} {{len "héllo"}} {{index .m "k"}} {{len .l}}', { m: { k: 'v' }, l: typedSlice(['a'], '[]string') }), '195 hé 6 v 1');
  assert.equal(execError('{{index .l 5}}', { l: [1] }), 'template: t:1:2: executing "t" at <index .l 5>: error calling index: index out of range: 5');
});

test('print functions follow fmt spacing rules', () => {
  assert.equal(render('{{print 1 2 "a" "b" 3}}|{{println 1 "a"}}|{{printf "%05.1f|%-4d|%q" 3.14159 7 "x"}}'), '1 2ab3|1 a\n|003.1|7   |"x"');
});

test('struct fields and methods, including named map types with methods', () => {
  class Files extends Map<string, string> {
    static goTypeName = 'engine.files';
    Get(name: string): string { return this.get(name) ?? ''; }
  }
  class Release { Name = 'web'; Upgrade(): boolean { return false; } }
  const data = { Release: new Release(), Files: new Files([['b.txt', 'B'], ['a.txt', 'A']]) };
  assert.equal(render('{{.Release.Name}} {{.Release.Upgrade}} {{.Files.Get "a.txt"}} {{range $k, $v := .Files}}{{$k}}{{end}} {{printf "%T" .Files}}', data), 'web false A a.txtb.txt engine.files');
  // The receiver came out of a map[string]interface{}, so Go names its static type.
  assert.equal(execError('{{.Release.Nope}}', data), 'template: t:1:10: executing "t" at <.Release.Nope>: can\'t evaluate field Nope in type interface {}');
  assert.equal(execError('{{.Nope}}', new Release()), 'template: t:1:2: executing "t" at <.Nope>: can\'t evaluate field Nope in type *Release');
});

test('html, js and urlquery escape like Go', () => {
  assert.equal(render('{{html "<a href=\'x\'>&</a>"}} {{js "it\'s <b>"}} {{urlquery "a b&c"}}'), '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt; it\\\'s \\u003Cb\\u003E a+b%26c');
});

test('call invokes a function value from the data and names the callee in errors', () => {
  assert.equal(render('{{call .f 2 3}}', { f: (a: bigint, b: bigint) => a * b }), '6');
  assert.equal(execError('{{call .n}}', { n: 'x' }), 'template: t:1:2: executing "t" at <call .n>: error calling call: non-function .n of type string');
});

test('methods with pointer receivers apply to addressable fields only (Helm KubeVersion.String)', () => {
  class KubeVersion {
    static goTypeName = 'chartutil.KubeVersion';
    static pointerMethods = ['String'];
    Version = 'v1.36.0';
    Major = '1';
    Minor = '36';
    String(): string { return this.Version; }
  }
  class Capabilities { static goTypeName = '*chartutil.Capabilities'; KubeVersion = new KubeVersion(); }
  const data = { Capabilities: new Capabilities() };
  assert.equal(render('{{ .Capabilities.KubeVersion }}|{{ $k := .Capabilities.KubeVersion }}{{ $k }}|{{ .Capabilities.KubeVersion.String }}', data), 'v1.36.0|v1.36.0|v1.36.0');
  assert.equal(render('{{ .Capabilities.KubeVersion | print }}|{{ printf "%v" .Capabilities.KubeVersion }}', data), '{v1.36.0 1 36}|{v1.36.0 1 36}');
  // Go reports the last node it evaluated, here the pipeline's final argument.
  assert.equal(execError('{{ (print "x" | printf "%s").String }}'), 'template: t:1:23: executing "t" at <"%s">: can\'t evaluate field String in type string');
});
