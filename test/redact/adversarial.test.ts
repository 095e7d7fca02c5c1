import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Redactor } from '../../src/redact/index.js';

// Inputs built to make a backtracking pattern or a rescanning loop blow up. The test only
// checks that each finishes and stays well-formed, and bench/redact.ts reports the timings.
const MB = 1024 * 1024;

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

const INPUTS: Array<[string, string]> = [
  ['long digit run', repeatTo('1', MB)],
  ['hex dump', repeatTo('504B0304140009000800FE', MB)],
  ['at signs', repeatTo('@', MB)],
  ['a@a@ chains', repeatTo('a@', MB)],
  ['dotted numbers', repeatTo('1.', MB)],
  ['dotted words', repeatTo('a.', MB)],
  ['repeated schemes', repeatTo('http://', MB)],
  ['huge base64', repeatTo('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo+/', MB)],
  ['colons', repeatTo('a:', MB)],
  ['PEM begin lines', repeatTo('-----BEGIN PRIVATE KEY-----!', MB)],
  ['password words', repeatTo('password=密码：', MB)],
  ['brackets', repeatTo('[', MB)],
  ['home-folder roots', repeatTo('C:\\Users\\', MB)],
  ['home-folder paths', repeatTo('/home/a', MB)],
  ['backslash runs', repeatTo('\\', MB)],
  ['sk- prefixes', repeatTo('sk-', MB)],
  ['key id prefixes', repeatTo(' AKIDLTAI', MB)],
  ['spaced key labels', repeatTo('Secret Key API Key ', MB)],
  ['Latin name labels', repeatTo('联系人：Tom Chen Li ', MB)],
  ['Latin name titles', repeatTo('Mr. Tom Chen ', MB)],
  ['generic name labels', repeatTo('name: Zhang Wei name: ', MB)],
  ['WeChat invites', repeatTo('加微 加V ', MB)],
  ['word at addresses', repeatTo('a.b at c dot com ', MB)],
  ['full stops in domains', repeatTo('a@b。com。', MB)],
  ['job titles with colons', repeatTo('值班工程师：', MB)],
  ['landline extensions', repeatTo('010-62345678 转 ', MB)],
];

describe('adversarial inputs', () => {
  const redactor = new Redactor();
  for (const [name, text] of INPUTS) {
    it(`finishes on ${name}`, () => {
      const result = redactor.redact(text);
      assert.equal(typeof result.text, 'string');
    });
  }
});
