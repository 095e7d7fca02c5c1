import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { archiveRefs, recordNumber } from '../../src/ingest/archive-refs.js';

describe('archiveRefs', () => {
  test('archive refs stay as they are', () => {
    assert.deepEqual(archiveRefs(['Q3', 'Q1', 'Q12']), ['Q3', 'Q1', 'Q12']);
  });

  test('helpdesk refs take their number', () => {
    assert.deepEqual(archiveRefs(['W3', 'I4', 'T-c-1001']), ['Q3', 'Q4', 'Q1001']);
  });

  test('clashing numbers get the next free one', () => {
    // T-5 has the number of Q5, and Q01 that of Q1.
    assert.deepEqual(archiveRefs(['T-5', 'Q5', 'Q1', 'Q01']), ['Q6', 'Q5', 'Q1', 'Q7']);
  });

  test('refs without digits are numbered after the largest', () => {
    assert.deepEqual(archiveRefs(['T-vip', 'T-12', 'T-abc']), ['Q13', 'Q12', 'Q14']);
  });

  test('record numbers ignore leading zeros', () => {
    assert.equal(recordNumber('Q012'), '12');
    assert.equal(recordNumber('Q0'), '0');
  });
});
