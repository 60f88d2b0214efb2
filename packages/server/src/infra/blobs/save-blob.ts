/** Stores content in the blob store and records its metadata row (file first, so a row never names a missing file). */
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import type { BlobStore, StoredBlob } from './blob-store.js';

export async function saveBlob(
  deps: { readonly blobs: BlobStore; readonly clock: Clock },
  db: Kysely<Database>,
  content: Uint8Array,
  mediaType: string,
): Promise<StoredBlob> {
  const stored = await deps.blobs.put(content);
  await db
    .insertInto('blobs')
    .values({ sha256: stored.sha256, size: stored.size, media_type: mediaType, created_at: deps.clock().toISOString() })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return stored;
}
