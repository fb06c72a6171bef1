import { describe, expect, it } from 'vitest';
import { decodeParts, encodeParts, MAX_PARTS, parseLayout } from './wire';

function roundTrip(value: unknown): unknown {
  const message = encodeParts(value)!;
  const sizes = parseLayout(message.layout)!;
  expect(sizes).toEqual([message.json.byteLength, ...message.parts.map((p) => p.byteLength)]);
  return decodeParts(message.json, message.parts);
}

describe('wire format', () => {
  it('sends a value without bytes as plain JSON', () => {
    expect(encodeParts({ id: 'a', list: [1, 'two'] })).toBeNull();
  });

  it('carries bytes nested in JSON values as raw parts, not text', () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) & 255);
    const value = { name: 'a.pdf', bytes, nested: [{ more: new Uint8Array([1, 2]) }], text: 'Paris Call ✓' };
    const message = encodeParts(value)!;
    expect(message.parts[0]).toBe(bytes);
    expect(message.json.byteLength).toBeLessThan(200);
    expect(roundTrip(value)).toEqual(value);
  });

  it('carries a Node Buffer as its bytes (not as its toJSON form)', () => {
    // A stand-in for Buffer (shared/ is type-checked without Node): a Uint8Array with its own toJSON.
    const buffer = Object.assign(new TextEncoder().encode('hello'), { toJSON: () => ({ type: 'Buffer', data: [104] }) });
    const message = encodeParts({ ok: true, value: { bytes: buffer } })!;
    expect(message.parts).toHaveLength(1);
    expect(new TextDecoder().decode(message.json)).toBe('{"ok":true,"value":{"bytes":{"$part":0}}}');
  });

  it('refuses malformed layouts', () => {
    for (const header of ['', '12', 'a,b', '1,-2', '1,2.5', '1,,2', '1e3,4', `${'9'.repeat(16)},1`, Array(MAX_PARTS + 2).fill('1').join(',')]) {
      expect(parseLayout(header), header).toBeNull();
    }
    expect(parseLayout('10, 20')).toEqual([10, 20]);
  });

  it('refuses JSON naming a part the message does not carry, and text that is not UTF-8', () => {
    const json = new TextEncoder().encode('{"bytes":{"$part":3}}');
    expect(() => decodeParts(json, [new Uint8Array(1)])).toThrow(/part 3/);
    expect(() => decodeParts(new Uint8Array([0x7b, 0xff, 0x7d]), [])).toThrow();
  });

  it('leaves objects that only look like parts alone when they have other keys', () => {
    const json = new TextEncoder().encode('{"a":{"$part":0,"b":1}}');
    expect(decodeParts(json, [new Uint8Array(1)])).toEqual({ a: { $part: 0, b: 1 } });
  });
});
