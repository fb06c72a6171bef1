// Field values resolved through the codebook: principle:hack-back and actor:"russian federation" name
// codebook entries by id, name or alias, folded (diacritics, case), so people can type what they read.
// Results are cached per codebook object, since the same values come back with every keystroke.
import type { Actor, Codebook, Principle } from '../model';
import { findActorMentions, foldForMatching } from '../codebooks';

/** Folded, lower-cased, with runs of non-word characters as one space: "Hack-Back" → "hack back". */
export function foldKey(s: string): string {
  return foldForMatching(s)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function words(s: string): string[] {
  return foldKey(s).split(' ').filter(Boolean);
}

/** True when every word of the value starts some word of one of the names ("hyg" in "Cyber hygiene"). */
function wordsStartNames(valueWords: string[], names: string[]): boolean {
  if (valueWords.length === 0) return false;
  return names.some((name) => {
    const nameWords = words(name);
    return valueWords.every((w) => nameWords.some((n) => n.startsWith(w)));
  });
}

const cache = new WeakMap<Codebook, Map<string, string[]>>();

function cached(codebook: Codebook, key: string, compute: () => string[]): string[] {
  let map = cache.get(codebook);
  if (!map) {
    map = new Map();
    cache.set(codebook, map);
  }
  let ids = map.get(key);
  if (!ids) {
    ids = compute();
    map.set(key, ids);
  }
  return ids;
}

/** Ids of the principles a value names: an exact id or name, else every principle whose words it starts. */
export function resolvePrinciples(value: string, codebook: Codebook): string[] {
  return cached(codebook, `p\u0000${value}`, () => {
    const key = foldKey(value);
    const exact = codebook.principles.filter((p) => foldKey(p.id) === key || foldKey(p.name) === key);
    if (exact.length) return exact.map((p) => p.id);
    const valueWords = words(value);
    return codebook.principles.filter((p: Principle) => wordsStartNames(valueWords, [p.id, p.name])).map((p) => p.id);
  });
}

/**
 * Ids of the actors a value names: an exact id, name or alias; else those whose names it starts
 * ("russ" → Russia); else the actors the codebook's matcher finds named in it ("the U.S. government").
 */
export function resolveActors(value: string, codebook: Codebook): string[] {
  return cached(codebook, `a\u0000${value}`, () => {
    const key = foldKey(value);
    const names = (a: Actor) => [a.id, a.name, ...a.aliases];
    const exact = codebook.actors.filter((a) => names(a).some((n) => foldKey(n) === key));
    if (exact.length) return exact.map((a) => a.id);
    const valueWords = words(value);
    const started = codebook.actors.filter((a) => wordsStartNames(valueWords, names(a)));
    if (started.length) return started.map((a) => a.id);
    return [...new Set(findActorMentions(value, codebook.actors).map((m) => m.actorId))];
  });
}
