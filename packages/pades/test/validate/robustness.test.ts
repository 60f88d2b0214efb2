/**
 * Robustness: mutated and truncated signed files always end in a report or a ValidationError
 * (never another exception), with deterministic results. Seeded, so failures reproduce.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { validate, ValidationError } from '../../src/index.js';
import { minimalPdf } from './support/minimal-pdf.js';
import { signWithParaphe } from './support/signed-files.js';
import { createTestPki, type TestPki } from './support/test-pki.js';

let pki: TestPki;
let signed: Uint8Array;
beforeAll(async () => {
  pki = createTestPki();
  signed = await signWithParaphe(pki, minimalPdf());
});

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function outcome(bytes: Uint8Array): Promise<string> {
  try {
    const r = await validate(bytes, { trustAnchors: [pki.rootDer], at: new Date(Date.now() + 3_600_000) });
    return r.indication;
  } catch (e) {
    if (e instanceof ValidationError) return `error ${e.code}`;
    throw e;
  }
}

describe('robustness', () => {
  it('300 random byte mutations: a report or a ValidationError each time; a change to signed bytes never passes', async () => {
    const m = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)/.exec(Buffer.from(signed).toString('latin1'))!;
    const [gapStart, gapEnd] = [Number(m[1]), Number(m[2])];
    const rnd = prng(20261203);
    for (let i = 0; i < 300; i++) {
      const bytes = signed.slice();
      const n = 1 + Math.floor(rnd() * 4);
      let signedChanged = false;
      for (let k = 0; k < n; k++) {
        const at = Math.floor(rnd() * bytes.length);
        bytes[at] = Math.floor(rnd() * 256);
        if ((at < gapStart || at >= gapEnd) && bytes[at] !== signed[at]) signedChanged = true;
      }
      const got = await outcome(bytes);
      // Bytes inside the /Contents gap are not signed: the zero padding after the CMS may change freely.
      if (signedChanged) expect(got, `mutation #${i}`).not.toBe('TOTAL_PASSED');
    }
  });

  it('every truncation point: a report or a ValidationError, never a pass', async () => {
    for (let cut = 0; cut < signed.length; cut += 97) expect(await outcome(signed.subarray(0, cut))).not.toBe('TOTAL_PASSED');
  });

  it('is deterministic', async () => {
    expect(await outcome(signed)).toBe('TOTAL_PASSED');
    expect(await outcome(signed)).toBe('TOTAL_PASSED');
  });
});
