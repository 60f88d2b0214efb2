/** The blob store port: immutable content addressed by its SHA-256. */

export interface StoredBlob {
  /** Lower-case hex SHA-256 of the content. */
  readonly sha256: string;
  readonly size: number;
  /** False when identical content was already stored (nothing was written). */
  readonly created: boolean;
}

export interface BlobStore {
  /** Stores `content` unless a blob with the same hash exists; never overwrites. */
  put(content: Uint8Array): Promise<StoredBlob>;
  /** The content, checked against its hash; BlobError NOT_FOUND / CORRUPTED otherwise. */
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
}

export type BlobErrorCode = 'BLOB_NOT_FOUND' | 'BLOB_CORRUPTED' | 'BLOB_INVALID_ID';

export class BlobError extends Error {
  override readonly name = 'BlobError';
  constructor(
    readonly code: BlobErrorCode,
    message: string,
  ) {
    super(message);
  }
}
