// Which segments to merge, and what a merge is built from. Tiered, like Lucene's: segments of similar
// size (a factor of 8 apart) are merged once there are eight of them, so an entry is rewritten a few
// times over its life, not at every edit; a segment with many deleted entries is rewritten alone.
import type { Codebook } from '../../../shared/model';
import type { EntryKind } from './entries';
import type { Segment } from './segment';
import type { SegmentedIndex } from './segmented-index';

/** Segments of one size tier merged once there are this many. */
const MERGE_FAN_IN = 8;
/** A segment with more than this share of deleted entries is rewritten without them. */
const DELETED_SHARE = 0.4;

export function pickMerge(index: SegmentedIndex): { kind: EntryKind; sources: Segment[] } | null {
  for (const kind of ['annotation', 'passage'] as const) {
    const segments = index.ofKind(kind);
    const sparse = segments.find((s) => s.n >= 64 && s.deletedCount > s.n * DELETED_SHARE);
    if (sparse) return { kind, sources: [sparse] };
    const tiers = new Map<number, Segment[]>();
    for (const s of segments) {
      const tier = Math.floor(Math.log(Math.max(1, s.live)) / Math.log(8));
      tiers.set(tier, [...(tiers.get(tier) ?? []), s]);
    }
    for (const [, group] of [...tiers].sort((a, b) => a[0] - b[0])) {
      if (group.length >= MERGE_FAN_IN) return { kind, sources: group };
    }
  }
  return null;
}

/** The ids of the annotations live in segments. */
export function liveAnnotationIds(segments: readonly Segment[]): Set<string> {
  const ids = new Set<string>();
  for (const segment of segments) for (let o = 0; o < segment.n; o++) if (!segment.deleted[o]) ids.add(segment.annotationId(o));
  return ids;
}

/** The documents with live entries in segments, each once. */
export function documentsWithLiveEntries(segments: readonly Segment[]): string[] {
  const ids = new Set<string>();
  for (const segment of segments) {
    segment.docs.forEach((id, d) => {
      for (let o = segment.r.docFirst[d]!; o < segment.r.docFirst[d + 1]!; o++) {
        if (!segment.deleted[o]) {
          ids.add(id);
          break;
        }
      }
    });
  }
  return [...ids];
}

export function codebookFingerprint(codebook: Codebook): string {
  let hash = 2166136261;
  const text = JSON.stringify([codebook.principles.map((p) => [p.id, p.name]), codebook.actors.map((a) => [a.id, a.name, a.aliases])]);
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return `${text.length}:${(hash >>> 0).toString(16)}`;
}
