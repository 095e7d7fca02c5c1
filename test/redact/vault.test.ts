import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';

import {
  createVault,
  parseVaultKey,
  RedactError,
  Redactor,
  RedactionSession,
  sealingHook,
  vaultKeyFromEnv,
  type VaultEntry,
} from '../../src/redact/index.js';

const KEY = randomBytes(32);

function errorCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof RedactError, String(error));
    return error.code;
  }
  assert.fail('no error was raised');
}

describe('vault keys', () => {
  it('accepts hex and base64', () => {
    assert.deepEqual(parseVaultKey(KEY.toString('hex')), KEY);
    assert.deepEqual(parseVaultKey(KEY.toString('base64')), KEY);
    assert.deepEqual(parseVaultKey(KEY.toString('base64url')), KEY);
  });

  it('rejects a wrong length', () => {
    assert.equal(
      errorCode(() => parseVaultKey(randomBytes(16).toString('base64'))),
      'REDACT_VAULT_KEY_INVALID',
    );
    assert.equal(
      errorCode(() => parseVaultKey(randomBytes(31))),
      'REDACT_VAULT_KEY_INVALID',
    );
  });

  it('names the length in the message', () => {
    assert.match(
      String(catchMessage(() => parseVaultKey(randomBytes(16).toString('hex')))),
      /16 bytes, expected 32/,
    );
  });

  it('rejects non-key text', () => {
    assert.equal(
      errorCode(() => parseVaultKey('not a key!')),
      'REDACT_VAULT_KEY_INVALID',
    );
  });

  it('is off without the variable', () => {
    assert.equal(vaultKeyFromEnv({}), null);
    assert.equal(vaultKeyFromEnv({ CASEBOOK_VAULT_KEY: '  ' }), null);
  });

  it('reads the variable', () => {
    assert.deepEqual(vaultKeyFromEnv({ CASEBOOK_VAULT_KEY: KEY.toString('base64') }), KEY);
  });
});

function catchMessage(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

describe('vault sealing', () => {
  const vault = createVault(KEY);

  it('opens what it sealed', () => {
    assert.equal(vault.open(vault.seal('13800138000')), '13800138000');
    assert.equal(vault.open(vault.seal('张三')), '张三');
  });

  it('uses a fresh IV each time', () => {
    assert.notEqual(vault.seal('same'), vault.seal('same'));
  });

  it('writes the versioned format', () => {
    assert.match(vault.seal('x'), /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/);
  });

  it('rejects another key', () => {
    const other = createVault(randomBytes(32));
    assert.equal(
      errorCode(() => other.open(vault.seal('x'))),
      'REDACT_VAULT_OPEN_FAILED',
    );
  });

  it('rejects altered ciphertext', () => {
    const [version, iv, data, tag] = vault.seal('13800138000').split('.');
    const altered = Buffer.from(data, 'base64url');
    altered[0] ^= 1;
    const sealed = [version, iv, altered.toString('base64url'), tag].join('.');
    assert.equal(
      errorCode(() => vault.open(sealed)),
      'REDACT_VAULT_OPEN_FAILED',
    );
  });

  it('rejects malformed values', () => {
    for (const sealed of ['', 'v2.a.b.c', 'v1.a.b', 'v1.!!.b.c']) {
      assert.equal(
        errorCode(() => vault.open(sealed)),
        'REDACT_VAULT_SEALED_INVALID',
        sealed,
      );
    }
  });
});

describe('sealingHook', () => {
  it('seals contact values only', () => {
    const vault = createVault(KEY);
    const entries: VaultEntry[] = [];
    const session = new RedactionSession({
      onValue: sealingHook(vault, 'part14:Q7', (e) => entries.push(e)),
    });
    new Redactor().redact('王先生 13800138000 192.0.2.7 password: "hunter2"', session);
    assert.deepEqual(
      entries.map((e) => [e.caseKey, e.placeholder, e.type]),
      [
        ['part14:Q7', '[NAME_1]', 'NAME'],
        ['part14:Q7', '[PHONE_1]', 'PHONE'],
      ],
    );
    assert.equal(vault.open(entries[1].sealed), '13800138000');
  });
});
