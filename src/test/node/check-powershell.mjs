#!/usr/bin/env node
// Usage: node check-powershell.mjs FILE...
// Parses each file with the tree-sitter PowerShell grammar (WASM build shipped in the npm package) and prints
// one line per ERROR or MISSING node: FILE:LINE:COLUMN: error: ... . Exit 0 when every file parses cleanly,
// 1 when any does not, 2 for a usage error or an unreadable file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';

// V8 would otherwise optimise the 1 MB grammar in the background and make the process wait for that at exit
// (over a minute of CPU on a busy 2-core machine); the baseline compiler parses these scripts in milliseconds.
setFlagsFromString('--liftoff-only');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: check-powershell FILE...');
  process.exit(2);
}

const require = createRequire(import.meta.url);
await Parser.init();
const grammar = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
const parser = new Parser();
parser.setLanguage(grammar);

function problems(node, found) {
  if (node.isMissing) {
    found.push({ node, what: `missing ${node.type}` });
  } else if (node.type === 'ERROR') {
    const text = node.text.split('\n')[0].slice(0, 60);
    found.push({ node, what: `cannot parse '${text}'` });
  }
  if (node.hasError || node.isMissing) {
    for (const child of node.children) {
      problems(child, found);
    }
  }
  return found;
}

let failed = 0;
for (const file of files) {
  let source;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`${file}: error: cannot read: ${e.message}`);
    process.exit(2);
  }
  const tree = parser.parse(source);
  const found = problems(tree.rootNode, []);
  for (const { node, what } of found) {
    const at = node.startPosition;
    console.log(`${file}:${at.row + 1}:${at.column + 1}: error: ${what}`);
  }
  if (found.length === 0 && tree.rootNode.hasError) {
    console.log(`${file}:1:1: error: the grammar reports an error it does not locate`);
  }
  if (found.length > 0 || tree.rootNode.hasError) {
    failed++;
  } else {
    console.log(`${file}: ok`);
  }
  tree.delete();
}
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
