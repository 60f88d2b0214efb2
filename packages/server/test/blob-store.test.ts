import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { localBlobStore } from '../src/infra/blobs/local-blob-store.js';

describe('local blob store', () => {
  const root = mkdtempSync(join(tmpdir(), 'paraphe-blobs-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const store = localBlobStore(root);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('stores content under its SHA-256 and reads it back', async () => {
    const content = Buffer.from('original document');
    const stored = await store.put(content);
    expect(stored).toEqual({ sha256: sha(content), size: content.length, created: true });
    expect(await store.get(stored.sha256)).toEqual(content);
    expect(await store.has(stored.sha256)).toBe(true);
  });

  it('storing the same content twice writes nothing the second time', async () => {
    const content = Buffer.from('twice');
    await store.put(content);
    expect((await store.put(content)).created).toBe(false);
  });

  it('concurrent puts of the same content leave one intact blob and no temporary files', async () => {
    const content = Buffer.alloc(200_000, 3);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(content)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await store.get(sha(content))).toEqual(content);
    expect(readdirSync(root).filter((f) => f.startsWith('.tmp-'))).toEqual([]);
  });

  it('never overwrites: an altered file on disk is reported as corrupted, not replaced', async () => {
    const content = Buffer.from('keep me');
    const { sha256 } = await store.put(content);
    const path = join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    writeFileSync(path, 'tampered');
    await expect(store.get(sha256)).rejects.toMatchObject({ code: 'BLOB_CORRUPTED' });
    expect((await store.put(content)).created).toBe(false);
  });

  it('unknown and malformed ids are errors with codes', async () => {
    await expect(store.get('0'.repeat(64))).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'BLOB_INVALID_ID' });
  });
});
