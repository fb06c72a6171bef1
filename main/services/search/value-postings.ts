// A segment's in-memory posting lists of annotation values (a colour, a code, a stance), built once per
// segment on first use (Segment.withValue), so a query made only of filters never touches the text index.
import { HIGHLIGHT_COLORS, STANCES } from '../../../shared/model';
import { foldCode } from './document-aggregates';
import type { Segment } from './segment';

export const metaKey = (field: string, value: string) => `${field}\u0000${value}`;

/** Per value key (metaKey, or a folded code), the ordinals of the annotations with it, ascending. */
export function valuePostings(segment: Segment): Map<string, number[]> {
  const map = new Map<string, number[]>();
  const add = (k: string, o: number) => {
    const list = map.get(k);
    if (!list) map.set(k, [o]);
    else if (list[list.length - 1] !== o) list.push(o);
  };
  const { r } = segment;
  for (let o = 0; o < segment.n && segment.kind === 'annotation'; o++) {
    add(metaKey('color', HIGHLIGHT_COLORS[r.color[o]!] ?? 'yellow'), o);
    for (let i = r.codeStart[o]!; i < r.codeStart[o + 1]!; i++) {
      const code = segment.codes[r.codeIds[i]!]!;
      add(foldCode(code), o);
      if (r.codeStance[i]) add(metaKey('stance', STANCES[r.codeStance[i]! - 1]!), o);
    }
  }
  return map;
}
