// Compression round trips: bit packing, varints, impacts as upper bounds, and every term's postings and
// positions of a segment read back as they were written (random entries of real sentences).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { random } from '../../../scripts/bench/synthetic-library';
import { randomEntries } from '../../test-support/search-reference';
import { analyze, stopId } from './analyzer';
import { float32Above, LengthNorms } from './bm25';
import { ByteWriter, unpack, VarintReader } from './postings-codec';
import { Segment } from './segment';
import { StopMapReader, writeStops } from './stop-map';
import { buildSegment } from './segment-build';
import { NO_MORE, scoringFor, TermPostings } from './term-postings';

describe('postings codec', () => {
  it('packs and unpacks values of any width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (bits, count, seed) => {
        const rand = random(seed);
        const max = bits === 32 ? 2 ** 32 : 2 ** bits;
        const values = Array.from({ length: count }, () => Math.floor(rand() * max));
        const out = new ByteWriter(8);
        out.u8(7); // packed values start aligned, whatever came before
        out.packed(values, 0, count, bits);
        out.u32(0xdeadbeef);
        const bytes = out.view();
        const words = new Uint32Array(bytes.buffer, 0, bytes.byteLength >> 2);
        const got = new Int32Array(count);
        const next = unpack(words, 1, count, bits, got);
        expect(Array.from(got, (v) => v >>> 0)).toEqual(values);
        expect(words[next]).toBe(0xdeadbeef);
      }),
    );
  });

  it('writes and reads variable-length values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 })), (values) => {
        const out = new ByteWriter(4);
        for (const v of values) out.varint(v);
        const reader = new VarintReader(out.view());
        expect(values.map(() => reader.next())).toEqual(values);
        const skipper = new VarintReader(out.view());
        skipper.skip(values.length);
        expect(skipper.at).toBe(out.length);
      }),
    );
  });

  it('reads a stop-word map in place, never past its end', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 60 }), fc.integer({ min: 0, max: 40 }), (ids, before) => {
        const out = new ByteWriter(8);
        writeStops(out, ids);
        const map = out.view().slice();
        // The map between other bytes (0xff after it: a stop word's number no map of these ids holds).
        const buffer = new Uint8Array(before + map.length + 8).fill(0xff);
        buffer.set(map, before);
        const reader = new StopMapReader().reset(buffer, before, before + map.length);
        for (let p = -1; p <= ids.length; p++) expect(reader.at(p)).toBe(ids[p] ?? 0);
        // Cut short by one byte: the last stop word is no longer there, and nothing after the end is read.
        const last = ids.findLastIndex((id) => id !== 0);
        if (last >= 0) expect(new StopMapReader().reset(buffer, before, before + map.length - 1).at(last)).toBe(0);
      }),
    );
  });

  it('rounds stored bounds up, never down', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (v) => {
        expect(float32Above(v)).toBeGreaterThanOrEqual(v);
      }),
    );
  });
});

describe('segment postings', () => {
  for (const kind of ['passage', 'annotation'] as const) {
    it(`read back every field's stop words, walking ascending positions or looking one up (${kind}s)`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 200 }), (seed, count) => {
          const entries = randomEntries(kind, count, random(seed));
          const segment = Segment.fromBytes(buildSegment(kind, entries));
          const rand = random(seed + 1);
          const reader = new StopMapReader();
          for (let o = 0; o < segment.n; o++) {
            const entry = entries.find((e) => e.id === segment.entryId(o))!;
            entry.fields.forEach((text, f) => {
              const expected = analyze(text).map((token) => (token.term === null ? stopId(token.word) : 0));
              const map = segment.stopsSpan(o, f).subarray(segment.stopsFrom, segment.stopsTo);
              // Ascending positions, some skipped, past both ends (as a phrase check reads them); then one lookup.
              reader.reset(map);
              for (let p = -2; p < expected.length + 2; p += 1 + Math.floor(rand() * 3)) expect(reader.at(p)).toBe(expected[p] ?? 0);
              const p = Math.floor(rand() * (expected.length + 1));
              expect(new StopMapReader().reset(map).at(p)).toBe(expected[p] ?? 0);
              // Read in place, where the segment holds it (as phrases read it: no view per entry).
              const inPlace = new StopMapReader().reset(segment.stopsSpan(o, f), segment.stopsFrom, segment.stopsTo);
              for (let q = -1; q <= expected.length; q++) expect(inPlace.at(q)).toBe(expected[q] ?? 0);
            });
          }
        }),
        { numRuns: 25 },
      );
    });

    it(`read back every term's entries, frequencies and positions (${kind}s)`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 400 }), (seed, count) => {
          const entries = randomEntries(kind, count, random(seed));
          const segment = Segment.fromBytes(buildSegment(kind, entries));
          // What was indexed: per term, per entry and field, the positions.
          const expected = new Map<string, Map<number, number[][]>>();
          for (let o = 0; o < segment.n; o++) {
            const entry = entries.find((e) => e.id === segment.entryId(o))!;
            entry.fields.forEach((text, f) => {
              for (const token of analyze(text)) {
                if (token.term === null) continue;
                const byEntry = expected.get(token.term) ?? new Map<number, number[][]>();
                expected.set(token.term, byEntry);
                const fields = byEntry.get(o) ?? entry.fields.map(() => []);
                byEntry.set(o, fields);
                fields[f]!.push(token.ordinal);
              }
            });
          }
          expect(segment.terms.length).toBe(expected.size);
          // Any average lengths: stored block bounds still bound every score of their block.
          const rand = random(seed + 1);
          const scoring = scoringFor(segment, new LengthNorms(Array.from({ length: segment.fieldCount }, () => 1 + rand() * 60)));
          for (let t = 0; t < segment.terms.length; t++) {
            const byEntry = expected.get(segment.terms.get(t))!;
            const it = new TermPostings(segment, t, 1 + rand(), scoring);
            const got = new Map<number, number[][]>();
            for (let d = it.nextDoc(); d !== NO_MORE; d = it.nextDoc()) {
              it.shallowAdvance(d);
              expect(it.blockEnd()).toBeGreaterThanOrEqual(d);
              expect(it.score()).toBeLessThanOrEqual(it.blockMax() * (1 + 1e-9));
              got.set(
                d,
                Array.from({ length: segment.fieldCount }, (_, f) => Array.from(it.positions(f))),
              );
            }
            expect(got).toEqual(byEntry);
            // Skipping lands where walking does.
            const docs = [...byEntry.keys()];
            const target = docs[Math.floor(docs.length / 2)]!;
            const skipper = new TermPostings(segment, t, 1, scoring);
            expect(skipper.advance(target)).toBe(target);
            expect(skipper.advance(docs[docs.length - 1]! + 1)).toBe(NO_MORE);
          }
        }),
        { numRuns: 25 },
      );
    });
  }
});
