/** VRI dictionary key of a signature: uppercase hex SHA-1 of its /Contents string value (ETSI EN 319 142-1 §5.4.2.2). */
import { createHash } from 'node:crypto';

export function vriKey(contentsValue: Uint8Array): string {
  return createHash('sha1').update(contentsValue).digest('hex').toUpperCase();
}
