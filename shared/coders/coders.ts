// Coders: who made an annotation. Each installation has one coder name (a per-user setting, never
// library data); an annotation records it when it is made, in `author` (the same field that holds the
// author of an annotation made in another program, a PDF reader's or a QDA tool's user).
import { z } from 'zod';
import type { Annotation } from '../model';

/** A coder's name: one line of up to 100 characters, no control characters. */
export const coderNameSchema = z
  .string()
  .trim()
  .min(1, 'a coder name cannot be empty')
  .max(100, 'a coder name is at most 100 characters')
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'a coder name is one line without control characters');

/**
 * Shown for annotations made before coders were recorded (or imported without an author). They are
 * not given anyone's name: with a shared corpus that could credit one coder with another's work.
 */
export const NO_CODER_LABEL = 'No coder recorded';

/** Who made the annotation, or null when no one was recorded. */
export function coderOf(annotation: Pick<Annotation, 'author'>): string | null {
  return annotation.author ?? null;
}

/** A coder's name as shown. */
export function coderLabel(coder: string | null): string {
  return coder ?? NO_CODER_LABEL;
}

/**
 * Whether blind coding hides the annotation: while it is on, only annotations recorded as the user's
 * own are shown (annotations with no coder recorded are hidden too: they may be anyone's).
 */
export function hiddenByBlindCoding(annotation: Pick<Annotation, 'author'>, me: string | null, blind: boolean): boolean {
  return blind && (me === null || coderOf(annotation) !== me);
}

/** Coder names with how many annotations each made, most first; null counts those with no coder. */
export function countCoders(annotations: Iterable<Pick<Annotation, 'author'>>): { coder: string | null; annotations: number }[] {
  const counts = new Map<string | null, number>();
  for (const a of annotations) counts.set(coderOf(a), (counts.get(coderOf(a)) ?? 0) + 1);
  return [...counts].map(([coder, n]) => ({ coder, annotations: n })).sort((a, b) => b.annotations - a.annotations || coderLabel(a.coder).localeCompare(coderLabel(b.coder)));
}
