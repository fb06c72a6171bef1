// Passages per principle over the publication dates of their sources, in year or month buckets.
import type { Codebook, Principle } from '../model';
import type { Tally } from './tally';

export type TimelineGranularity = 'year' | 'month';

export interface TimelineSeries {
  principle: Principle;
  /** counts[k]: passages in buckets[k]. */
  counts: number[];
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

/** The bucket a publication date falls in. A source dated only by its year falls in January by month. */
export function bucketOf(date: string, granularity: TimelineGranularity): string {
  return granularity === 'year' ? date.slice(0, 4) : `${date.slice(0, 4)}-${date.slice(5, 7) || '01'}`;
}

/**
 * Buckets by year, or by month when the dated passages span no more than two calendar years (unless
 * a granularity is asked for). Only the passages of the sources given are counted.
 */
export function buildTimeline(
  sources: readonly { id: string; date: string | null }[],
  tally: Tally,
  codebook: Codebook,
  granularity?: TimelineGranularity,
): Timeline {
  const counted = sources.flatMap((s) => {
    const counts = tally.documents.get(s.id);
    return counts && counts.passages > 0 ? [{ date: s.date, counts }] : [];
  });
  const years = counted.flatMap((s) => (s.date === null ? [] : [Number(s.date.slice(0, 4))]));
  const chosen = granularity ?? (years.length && Math.max(...years) - Math.min(...years) <= 1 ? 'month' : 'year');
  const dated = counted.flatMap((s) => (s.date === null ? [] : [bucketOf(s.date, chosen)]));
  const buckets = dated.length ? fillBuckets(dated, chosen) : [];
  const position = new Map(buckets.map((b, i) => [b, i]));
  const series = codebook.principles.map((principle): TimelineSeries => {
    const counts = buckets.map(() => 0);
    let undated = 0;
    for (const source of counted) {
      const n = source.counts.principles.get(principle.id)?.count ?? 0;
      if (!n) continue;
      if (source.date === null) undated += n;
      else counts[position.get(bucketOf(source.date, chosen))!]! += n;
    }
    return { principle, counts, undated };
  });
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
