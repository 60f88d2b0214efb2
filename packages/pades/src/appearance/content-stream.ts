/**
 * A tiny builder for PDF content streams (ISO 32000-1 §8–9): operators with compact numbers,
 * text shown as hex strings of 2-byte CIDs.
 */

export class ContentStream {
  private readonly ops: string[] = [];

  /** Appends one operator with its operands: numbers are formatted, strings are written as is. */
  op(operator: string, ...operands: ReadonlyArray<number | string>): this {
    this.ops.push([...operands.map((o) => (typeof o === 'number' ? num(o) : o)), operator].join(' '));
    return this;
  }

  bytes(): Uint8Array {
    return new TextEncoder().encode(`${this.ops.join('\n')}\n`);
  }
}

/** At most three decimals and no exponent, as PDF numbers require. */
export function num(n: number): string {
  const s = (Math.round(n * 1000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

export function hexString(bytes: Uint8Array): string {
  return `<${Buffer.from(bytes).toString('hex').toUpperCase()}>`;
}

/** A literal string operand, escaped (for ASCII values such as a language tag). */
export function literalString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}
