/**
 * Blob store in a local folder: `<root>/<aa>/<bb>/<sha256>`. Content is written to a temporary
 * file, flushed and renamed into place, so a blob is either complete or absent; an existing
 * blob is never replaced, and every read is checked against the hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BlobError, type BlobStore, type StoredBlob } from './blob-store.js';

const HEX64 = /^[0-9a-f]{64}$/;

export function localBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string) => {
    if (!HEX64.test(sha256)) throw new BlobError('BLOB_INVALID_ID', `not a SHA-256 hex digest: "${sha256.slice(0, 80)}"`);
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const exists = async (path: string) =>
    access(path, constants.F_OK).then(
      () => true,
      () => false,
    );

  return {
    async put(content) {
      const sha256 = createHash('sha256').update(content).digest('hex');
      const path = pathOf(sha256);
      const result: StoredBlob = { sha256, size: content.byteLength, created: false };
      if (await exists(path)) return result;
      await mkdir(join(root, sha256.slice(0, 2), sha256.slice(2, 4)), { recursive: true });
      const temp = join(root, `.tmp-${sha256}-${randomBytes(6).toString('hex')}`);
      const handle = await open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        // link() fails when the target exists, unlike rename(): a concurrent writer's blob is never replaced.
        await link(temp, path);
        return { ...result, created: true };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return result;
        throw error;
      } finally {
        await rm(temp, { force: true });
      }
    },
    async get(sha256) {
      const path = pathOf(sha256);
      let content: Buffer;
      try {
        content = await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobError('BLOB_NOT_FOUND', `no blob ${sha256}`);
        throw error;
      }
      const actual = createHash('sha256').update(content).digest('hex');
      if (actual !== sha256) throw new BlobError('BLOB_CORRUPTED', `blob ${sha256} on disk hashes to ${actual}: the file was altered`);
      return content;
    },
    has: (sha256) => exists(pathOf(sha256)),
  };
}
