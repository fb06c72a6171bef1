// Filters on annotation fields and documents, read from a segment's columns: a test per entry, and the
// in-memory posting lists a query made only of filters starts from.
import { HIGHLIGHT_COLORS, STANCES } from '../../../shared/model';
import type { AnnotationFilter, QueryPlan } from './plan';
import { annotationEntryId } from './entries';
import { foldCode, metaKey, type Segment } from './segment';

/** The filters as a test on an entry, reading the segment's columns through flags over its tables. */
export function filterFor(segment: Segment, plan: QueryPlan): ((d: number) => boolean) | null {
  const { documents, excludedDocuments, annotationFilters } = plan;
  const linked = linkedTest(segment, plan);
  if (!documents && excludedDocuments.size === 0 && annotationFilters.length === 0 && !linked) return null;
  const docFlags = (ids: Set<string>) => {
    // From the smaller side: a doc: filter names a few documents, a year: range thousands.
    if (ids.size >= segment.docs.length) return Uint8Array.from(segment.docs, (id) => (ids.has(id) ? 1 : 0));
    const flags = new Uint8Array(segment.docs.length);
    for (const id of ids) {
      const d = segment.documentIndex(id);
      if (d !== -1) flags[d] = 1;
    }
    return flags;
  };
  const allowed = documents ? docFlags(documents) : null;
  const excluded = excludedDocuments.size ? docFlags(excludedDocuments) : null;
  const { docIdx, color, codeStart, codeIds, codeStance } = segment.r;
  const tests = annotationFilters.map((filter) => ({ filter, test: valueTest(segment, filter) }));
  const actors = annotationFilters.filter((f) => f.field === 'actor' && !f.negated).map((f) => codeFlags(segment, f));
  const stances = annotationFilters.filter((f) => f.field === 'stance' && !f.negated).map((f) => new Set(f.values.map(stanceNumber)));
  const annotations = segment.kind === 'annotation';
  return (d) => {
    if (allowed && !allowed[docIdx[d]!]) return false;
    if (excluded && excluded[docIdx[d]!]) return false;
    if (linked && !linked(d)) return false;
    if (tests.length === 0) return true;
    if (!annotations) return false;
    for (const { filter, test } of tests) if (test(d, color, codeStart, codeIds, codeStance) === filter.negated) return false;
    // actor:russia stance:opposes means Russia opposes, not that someone does.
    if (actors.length && stances.length) {
      for (let i = codeStart[d]!; i < codeStart[d + 1]!; i++) {
        if (actors.every((flags) => flags[codeIds[i]!]) && stances.every((set) => set.has(codeStance[i]!))) return true;
      }
      return false;
    }
    return true;
  };
}

type ValueTest = (d: number, color: Uint8Array, codeStart: Uint32Array, codeIds: Uint32Array, codeStance: Uint8Array) => boolean;

const stanceNumber = (stance: string) => (STANCES as readonly string[]).indexOf(stance) + 1;

/** Which of the segment's codes a principle, actor, tag or coder filter accepts (tag and coder values come folded). */
function codeFlags(segment: Segment, filter: AnnotationFilter): Uint8Array {
  const wanted = new Set(filter.values.map((v) => metaKey(filter.field, v)));
  return Uint8Array.from(segment.codes, (code) => (wanted.has(foldCode(code)) ? 1 : 0));
}

function valueTest(segment: Segment, filter: AnnotationFilter): ValueTest {
  if (filter.field === 'color') {
    const colors = new Set(filter.values.map((c) => (HIGHLIGHT_COLORS as readonly string[]).indexOf(c)));
    return (d, color) => colors.has(color[d]!);
  }
  if (filter.field === 'stance') {
    const stances = new Set(filter.values.map(stanceNumber));
    return (d, _color, codeStart, _codeIds, codeStance) => {
      for (let i = codeStart[d]!; i < codeStart[d + 1]!; i++) if (stances.has(codeStance[i]!)) return true;
      return false;
    };
  }
  const flags = codeFlags(segment, filter);
  return (d, _color, codeStart, codeIds) => {
    for (let i = codeStart[d]!; i < codeStart[d + 1]!; i++) if (flags[codeIds[i]!]) return true;
    return false;
  };
}

/** linked: and -linked: (plan.annotations, plan.excludedAnnotations) as a test on an entry, or null. */
function linkedTest(segment: Segment, plan: QueryPlan): ((d: number) => boolean) | null {
  const { annotations, excludedAnnotations } = plan;
  if (!annotations && excludedAnnotations.size === 0) return null;
  if (segment.kind !== 'annotation') return annotations ? () => false : null;
  return (d) => {
    const id = segment.annotationId(d);
    return (!annotations || annotations.has(id)) && !excludedAnnotations.has(id);
  };
}

/** The smallest in-memory posting list among the positive filters, or every entry; ascending. */
export function candidatesFromFilters(segment: Segment, plan: QueryPlan): Iterable<number> {
  const lists = annotationLists(segment, plan);
  if (plan.documents) {
    const union: number[] = [];
    for (const id of plan.documents) union.push(...segment.withValue(metaKey('doc', id)));
    lists.push(union.sort((a, b) => a - b));
  }
  return lists.length ? smallest(lists) : range(segment.n);
}

/**
 * The smallest in-memory posting list of the positive annotation filters and linked:, ascending, or null
 * when there are none: every match is in it, so a query's words need only look at its entries.
 */
export function annotationCandidates(segment: Segment, plan: QueryPlan): readonly number[] | null {
  const lists = annotationLists(segment, plan);
  return lists.length ? smallest(lists) : null;
}

function annotationLists(segment: Segment, plan: QueryPlan): (readonly number[])[] {
  const lists: (readonly number[])[] = [];
  if (plan.annotations) {
    // linked: names few highlights: their entries, found by id.
    const ordinals = segment.kind === 'annotation' ? [...plan.annotations].map((id) => segment.ordinalOf(annotationEntryId(id))).filter((o) => o >= 0) : [];
    lists.push(ordinals.sort((a, b) => a - b));
  }
  for (const filter of plan.annotationFilters) {
    if (filter.negated) continue;
    const values = filter.values.map((value) => segment.withValue(metaKey(filter.field, value)));
    lists.push(values.length === 1 ? values[0]! : [...new Set(values.flat())].sort((a, b) => a - b));
  }
  return lists;
}

const smallest = (lists: (readonly number[])[]) => lists.reduce((a, b) => (b.length < a.length ? b : a));

function* range(n: number): Iterable<number> {
  for (let i = 0; i < n; i++) yield i;
}

