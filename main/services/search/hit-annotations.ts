// What an annotation hit shows (its quote and note) is not in the index (the index would outgrow its size
// budget): it is read from the document's annotations.json as the store would read it (a regular file,
// never through a link), but synchronously, and only what the hit shows is validated: a query's twenty
// hits would otherwise each make several trips through the thread pool and validate a whole file of
// annotations each, which cost most of a query's time. The files of the documents hit lately are kept,
// dropped when the store publishes a change that may touch them (one source of change).
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LibraryChange } from '../../../shared/library-changes';
import { parseJsonText } from '../library/files';

/** Documents whose files are kept: a page of hits and the next few queries' (20 annotations each, typically). */
const KEPT = 64;
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The file's frame; an annotation's parts are checked when a hit shows it. */
const frameSchema = z.object({ version: z.literal(1), annotations: z.array(z.unknown()) });
/** The parts of an annotation a hit shows (the store validates the whole of it when it reads the file). */
const shownSchema = z.object({
  id: z.string(),
  target: z.object({ selector: z.array(z.looseObject({ type: z.string(), exact: z.string().optional() })) }),
  body: z.object({ note: z.string() }),
});

export interface HitText {
  quote: string;
  note: string;
}

export class HitAnnotations {
  /** Per document, its annotations by id (as read, unchecked); least recently used first. */
  private readonly kept = new Map<string, Map<unknown, unknown>>();

  constructor(private readonly fileOf: (documentId: string) => string) {}

  /** The annotation's quote and note as its document's file has them now, or undefined (gone, unreadable). */
  get(documentId: string, annotationId: string): HitText | undefined {
    let list = this.kept.get(documentId);
    if (list) this.kept.delete(documentId);
    else list = this.read(documentId);
    if (!list) return undefined;
    this.kept.set(documentId, list);
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
    const parsed = shownSchema.safeParse(list.get(annotationId));
    if (!parsed.success) return undefined;
    const quote = parsed.data.target.selector.find((s) => s.type === 'TextQuoteSelector')?.exact ?? '';
    return { quote, note: parsed.data.body.note };
  }

  /** Follows the store's changes: an annotation change drops its document's file, anything else all of them. */
  follow(change: LibraryChange): void {
    if (change.kind === 'annotations.changed') this.kept.delete(change.documentId);
    else this.kept.clear();
  }

  private read(documentId: string): Map<unknown, unknown> | undefined {
    const file = this.fileOf(documentId);
    let fd = -1;
    try {
      fd = openSync(file, FLAGS);
      if (!fstatSync(fd).isFile()) return undefined;
      const { annotations } = parseJsonText(file, readFileSync(fd, 'utf8'), frameSchema);
      return new Map(annotations.map((a) => [(a as { id?: unknown } | null)?.id, a]));
    } catch {
      // A file the store cannot read either: its health check reports it; the hit shows no quote.
      return undefined;
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }
}
