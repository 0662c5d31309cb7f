// Parse-time behaviour of Go's text/template (facts from text/template/parse's lex and parse
// tests): error texts with template name and line, trim markers, variable scoping, numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TemplateSet } from './index.ts';

const parseError = (text: string, name = 't'): string => {
  try {
    new TemplateSet().funcs({ printf: () => '' }).parse(name, text);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
};

const render = (text: string, data: unknown = {}): string => new TemplateSet().parse('t', text).execute('t', data);

test('parse errors name the template and the line of the offending token', () => {
  assert.equal(parseError('{{end}}'), 'template: t:1: unexpected {{end}}');
  assert.equal(parseError('a\nb\n{{if .x}}'), 'template: t:3: unexpected EOF');
  assert.equal(parseError('{{if}}{{end}}'), 'template: t:1: missing value for if');
  assert.equal(parseError('{{range .x}}{{else}}{{else}}{{end}}'), 'template: t:1: expected end; found {{else}}');
  assert.equal(parseError('{{$x}}'), 'template: t:1: undefined variable "$x"');
  assert.equal(parseError('{{nofunc}}'), 'template: t:1: function "nofunc" not defined');
  assert.equal(parseError('{{.x | 3}}'), 'template: t:1: non executable command in pipeline stage 2');
  assert.equal(parseError('{{break}}'), 'template: t:1: {{break}} outside {{range}}');
  assert.equal(parseError('{{ 3k }}'), 'template: t:1: bad number syntax: "3k"');
  assert.equal(parseError('{{ 1__2 }}'), 'template: t:1: illegal number syntax: "1__2"');
  assert.equal(parseError('{{ 99999999999999999999 }}'), 'template: t:1: integer overflow: "99999999999999999999"');
  assert.equal(parseError('{{"abc}}'), 'template: t:1: unterminated quoted string');
  assert.equal(parseError('{{/* x'), 'template: t:1: unclosed comment');
  assert.equal(parseError('{{ .x\n\n'), 'template: t:3: unclosed action started at t:1');
  assert.equal(parseError('{{ .x # }}'), 'template: t:1: unexpected "#" in operand');
  assert.equal(parseError('{{define "a"}}x{{end}}{{define "a"}}y{{end}}'), 'template: t:1: template: multiple definition of template "a"');
});

test('trim markers remove all adjacent white space, but "{{-3}}" is a number', () => {
  assert.equal(render('a \n\t {{- "b" -}} \n c'), 'abc');
  assert.equal(render('{{-3}}'), '-3');
  assert.equal(render('x {{- /* gone */ -}} y'), 'xy');
});

test('number constants keep Go kinds: ints, floats, chars, hex, binary, underscores', () => {
  assert.equal(render('{{1}} {{1.0}} {{1e6}} {{0x10}} {{0b11}} {{0o17}} {{017}} {{1_000}} {{\'a\'}} {{-0x1p-2}}'), '1 1 1e+06 16 3 15 15 1000 97 -0.25');
});

test('variables are scoped to their control structure and $ is the data', () => {
  assert.equal(render('{{$x := 1}}{{if true}}{{$x := 2}}{{$x}}{{end}}{{$x}}{{$x = 3}}{{$x}}{{$.a}}', { a: 'A' }), '213A');
});

test('define/block/template share one set across parses; a later non-empty define wins', () => {
  const set = new TemplateSet();
  set.parse('helpers', '{{define "h"}}one{{end}}');
  set.parse('main', '{{template "h"}}-{{block "b" .}}B{{.}}{{end}}');
  assert.equal(set.execute('main', 'd'), 'one-Bd');
  set.parse('more', '{{define "h"}}two{{end}}');
  set.parse('empty', '{{define "h"}}  {{end}}');
  assert.equal(set.execute('main', 'd'), 'two-Bd');
  assert.deepEqual(set.templateNames().sort(), ['b', 'empty', 'h', 'helpers', 'main', 'more']);
});

test('custom delimiters replace {{ }} for actions, trim markers and comments', () => {
  const set = new TemplateSet().delims('[[', ']]').parse('t', 'a [[- .x -]] b [[/* c */]]{{ .x }}');
  assert.equal(set.execute('t', { x: 1 }), 'a1b {{ .x }}');
});

test('clone() gives an independent set: parsing into it leaves the original untouched (Helm tpl)', () => {
  const set = new TemplateSet({ name: 'gotpl' }).parse('gotpl', 'root').parse('h', '{{define "x"}}X{{end}}');
  const c = set.clone();
  c.parse('gotpl', '{{template "x"}}-tpl');
  assert.equal(c.execute('gotpl', {}), 'X-tpl');
  assert.equal(set.execute('gotpl', {}), 'root');
  assert.throws(() => set.execute('nope', {}), /template: no template "nope" associated with template "gotpl"/);
});
