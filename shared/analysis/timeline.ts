// Passages per principle over the publication dates of their sources, in year or month buckets.
import type { Codebook, LibraryDocument, Principle } from '../model';
import type { CodedPassage } from './passages';

export type TimelineGranularity = 'year' | 'month';

export interface TimelineSeries {
  principle: Principle;
  /** counts[k]: passages in buckets[k]. */
  counts: number[];
  passageIds: string[][];
  /** Passages of this principle whose source has no date. */
  undated: number;
}

export interface Timeline {
  granularity: TimelineGranularity;
  /** Every bucket from the first to the last dated passage, gaps included: "2018" or "2018-11". */
  buckets: string[];
  series: TimelineSeries[];
  max: number;
}

/**
 * Buckets by year, or by month when the dated passages span no more than two calendar years (unless
 * a granularity is asked for). A source dated only by its year falls in January at month granularity.
 */
export function buildTimeline(
  documents: readonly LibraryDocument[],
  passages: readonly CodedPassage[],
  codebook: Codebook,
  granularity?: TimelineGranularity,
): Timeline {
  const dates = new Map(documents.map((d) => [d.id, d.metadata.date]));
  const dated = passages.map((p) => dates.get(p.documentId) ?? null).filter((d): d is string => d !== null);
  const years = dated.map((d) => Number(d.slice(0, 4)));
  const chosen = granularity ?? (years.length && Math.max(...years) - Math.min(...years) <= 1 ? 'month' : 'year');
  const bucketOf = (date: string) => (chosen === 'year' ? date.slice(0, 4) : `${date.slice(0, 4)}-${date.slice(5, 7) || '01'}`);
  const buckets = dated.length ? fillBuckets(dated.map(bucketOf), chosen) : [];
  const position = new Map(buckets.map((b, i) => [b, i]));
  const series: TimelineSeries[] = codebook.principles.map((principle) => ({
    principle,
    counts: buckets.map(() => 0),
    passageIds: buckets.map(() => []),
    undated: 0,
  }));
  const seriesOf = new Map(series.map((s) => [s.principle.id, s]));
  for (const passage of passages) {
    const date = dates.get(passage.documentId) ?? null;
    for (const id of new Set(passage.principles)) {
      const entry = seriesOf.get(id);
      if (!entry) continue;
      if (date === null) {
        entry.undated++;
        continue;
      }
      const k = position.get(bucketOf(date))!;
      entry.counts[k]!++;
      entry.passageIds[k]!.push(passage.annotationId);
    }
  }
  const max = Math.max(0, ...series.flatMap((s) => s.counts));
  return { granularity: chosen, buckets, series, max };
}

function fillBuckets(present: string[], granularity: TimelineGranularity): string[] {
  const sorted = [...present].sort();
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const out: string[] = [];
  if (granularity === 'year') {
    for (let y = Number(first); y <= Number(last); y++) out.push(String(y).padStart(4, '0'));
    return out;
  }
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  const end = last;
  for (;;) {
    const bucket = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    out.push(bucket);
    if (bucket >= end) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

export function timelineTable(timeline: Timeline): (string | number)[][] {
  const rows: (string | number)[][] = [['principle', timeline.granularity, 'passages']];
  for (const s of timeline.series) {
    timeline.buckets.forEach((bucket, k) => rows.push([s.principle.name, bucket, s.counts[k]!]));
    if (s.undated) rows.push([s.principle.name, 'undated', s.undated]);
  }
  return rows;
}
