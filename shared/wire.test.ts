import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire, fromBase64, toBase64 } from './wire';

describe('wire encoding', () => {
  it('round-trips bytes of every length through base64', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 255);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
  });

  it('matches the standard base64 alphabet and padding', () => {
    const text = 'Paris Call ✓';
    const bytes = new TextEncoder().encode(text);
    expect(toBase64(bytes)).toBe(btoa(String.fromCharCode(...bytes)));
  });

  it('carries bytes nested in JSON values', () => {
    const value = { name: 'a.pdf', bytes: new Uint8Array([37, 80, 68, 70]), list: [1, 'two'] };
    expect(decodeWire(encodeWire(value))).toEqual(value);
  });

  it('rejects malformed base64', () => {
    expect(() => fromBase64('ab!d')).toThrow(/Invalid base64/);
  });

  it('carries a file larger than one conversion chunk exactly', () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) & 255);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });
});
