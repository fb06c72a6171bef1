// Saved searches: a plain JSON file in the library (saved-searches.json), written atomically, so they
// travel with the library and can be read without Apostil.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { SavedSearch } from '../../../shared/search/types';
import { writeJsonAtomic } from '../library/atomic';

export const SAVED_SEARCHES_FILE = 'saved-searches.json';
const MAX_SAVED = 200;

const fileSchema = z.object({
  version: z.literal(1),
  searches: z.array(z.object({ id: z.string(), name: z.string(), query: z.string(), created: z.string() })),
});

export class SavedSearches {
  private readonly file: string;
  private cache: SavedSearch[] | null = null;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(libraryRoot: string) {
    this.file = path.join(libraryRoot, SAVED_SEARCHES_FILE);
  }

  async list(): Promise<SavedSearch[]> {
    if (this.cache) return this.cache;
    let raw: string;
    try {
      raw = await readFile(this.file, 'utf8');
    } catch {
      return (this.cache = []);
    }
    let parsed;
    try {
      parsed = fileSchema.safeParse(JSON.parse(raw));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      throw new AppError('corrupt', `${this.file} is not a valid list of saved searches; fix or remove it to save searches again.`);
    }
    return (this.cache = parsed.data.searches);
  }

  /** Saves a search under a name; a search of the same name is replaced. */
  save(name: string, query: string): Promise<SavedSearch[]> {
    return this.change((list) => {
      const trimmed = name.trim();
      const existing = list.find((s) => s.name.toLowerCase() === trimmed.toLowerCase());
      if (existing) return list.map((s) => (s === existing ? { ...s, query } : s));
      if (list.length >= MAX_SAVED) throw new AppError('too-large', `There are already ${MAX_SAVED} saved searches: delete one first.`);
      return [...list, { id: randomUUID(), name: trimmed, query, created: new Date().toISOString() }];
    });
  }

  delete(id: string): Promise<SavedSearch[]> {
    return this.change((list) => {
      if (!list.some((s) => s.id === id)) throw new AppError('not-found', 'That saved search no longer exists.');
      return list.filter((s) => s.id !== id);
    });
  }

  private change(apply: (list: SavedSearch[]) => SavedSearch[]): Promise<SavedSearch[]> {
    const run = async () => {
      const next = apply(await this.list());
      await writeJsonAtomic(this.file, { version: 1, searches: next });
      this.cache = next;
      return next;
    };
    const result = this.writes.then(run, run);
    this.writes = result.catch(() => undefined);
    return result;
  }
}
