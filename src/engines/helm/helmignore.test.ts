// .helmignore matching, from Go's path/filepath.Match rules and Helm's documented .helmignore format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goPathMatch, isIgnored, parseHelmIgnore } from './helmignore.ts';

test('filepath.Match: * and ? never cross a slash, classes and escapes work', () => {
  assert.equal(goPathMatch('*.txt', 'a.txt'), true);
  assert.equal(goPathMatch('*.txt', 'dir/a.txt'), false);
  assert.equal(goPathMatch('a?c', 'abc'), true);
  assert.equal(goPathMatch('a?c', 'a/c'), false);
  assert.equal(goPathMatch('[a-c]x', 'bx'), true);
  assert.equal(goPathMatch('[^a-c]x', 'bx'), false);
  assert.equal(goPathMatch('\\*', '*'), true);
  assert.equal(goPathMatch('[', 'a'), 'bad');
});

test('rules match base names, whole paths with a slash, directories with a trailing slash', () => {
  const rules = parseHelmIgnore('*.bak\n/top.txt\nsecret/\nconf/*.tmp\n# comment\n');
  assert.equal(isIgnored(rules, 'x/y/old.bak', false), true);
  assert.equal(isIgnored(rules, 'top.txt', false), true);
  assert.equal(isIgnored(rules, 'sub/top.txt', false), false);
  assert.equal(isIgnored(rules, 'secret', true), true);
  assert.equal(isIgnored(rules, 'secret', false), false);
  assert.equal(isIgnored(rules, 'conf/a.tmp', false), true);
  assert.equal(isIgnored(rules, 'Chart.yaml', false), false);
});

test('Helm always ignores hidden files under templates/', () => {
  const rules = parseHelmIgnore('');
  assert.equal(isIgnored(rules, 'templates/.hidden.yaml', false), true);
  assert.equal(isIgnored(rules, 'templates/visible.yaml', false), false);
});

test('** is refused', () => {
  assert.throws(() => parseHelmIgnore('a/**/b'), /double-star/);
});
