/** RunLengthDecode (ISO 32000-1 §7.4.5), bounded by the output limit. */
import { outputTooLarge, type DecodeLimits } from '../limits.js';
import { ByteWriter } from '../bytes.js';

export function runLengthDecode(data: Uint8Array, limits: DecodeLimits, warn: (m: string) => void): Uint8Array {
  const w = new ByteWriter(data.length * 2);
  let i = 0;
  while (i < data.length) {
    const n = data[i++]!;
    if (n === 128) return w.toBytes();
    if (n < 128) {
      const end = Math.min(data.length, i + n + 1);
      w.bytes(data.subarray(i, end));
      i = end;
    } else {
      const b = data[i++];
      if (b === undefined) break;
      for (let k = 0; k < 257 - n; k++) w.byte(b);
    }
    if (w.length > limits.maxOutputBytes) throw outputTooLarge('RunLengthDecode', limits);
  }
  warn('RunLengthDecode: missing EOD marker');
  return w.toBytes();
}
