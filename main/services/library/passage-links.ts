// Links between passages of an open library (shared/links): kept in memory, changed by pure edits and
// written through at once, atomically, one write at a time (the library store's queue). Whether a link
// is live is worked out from the highlights the library holds, so that a crash between the write of
// links.json and that of an annotations file never leaves a link wrongly shown or wrongly reported:
//   - deleting a highlight marks its links as gone with it, before the highlight's file is written;
//   - a highlight that comes back (Undo) brings its links back, after its file is written.
import { randomUUID } from 'node:crypto';
import type { LibraryChange, LinksChange } from '../../../shared/library-changes';
import { AppError } from '../../../shared/errors';
import { checkLinksFile } from '../../../shared/links/check';
import { applyLinkEdit, detachLinks, linkStatus, reattachLinks, type LinkEdit, type StoredLinks } from '../../../shared/links/edit';
import { LINKS_FORMAT_VERSION, type EndView, type LinkEnd, type LinksState, type ListedLink } from '../../../shared/links/model';
import { findSelector, type Annotation } from '../../../shared/model';
import { writeJsonAtomic } from './atomic';

export interface LinksHost {
  /** Runs a write after every earlier write of the library. */
  serialize<T>(write: () => Promise<T>): Promise<T>;
  publish(change: LinksChange): void;
  /** Follows the library's changes (to keep quotes of linked highlights up to date). */
  subscribe(listener: (change: LibraryChange) => void): void;
  /** The document that holds a highlight, if any does. */
  ownerOf(annotationId: string): string | undefined;
  annotationsOf(documentId: string): Promise<Annotation[]>;
}

export class LibraryLinks {
  private state: StoredLinks;
  /** Quotes of linked highlights, by annotation id. */
  private readonly quotes = new Map<string, string>();
  /** Links were marked as gone with a highlight and that is not published yet. */
  private pending = false;

  constructor(
    private readonly file: string,
    initial: StoredLinks,
    private readonly host: LinksHost,
  ) {
    this.state = initial;
    host.subscribe((change) => {
      if (change.kind === 'annotations.changed') for (const a of change.updated) this.quotes.delete(a.id);
      if (change.kind === 'document.replaced') for (const a of change.annotations) this.quotes.delete(a.id);
    });
  }

  readonly exists = (end: LinkEnd): boolean => this.host.ownerOf(end.annotationId) === end.documentId;

  stored(): StoredLinks {
    return this.state;
  }

  /** The relations and every link but those gone with a deleted highlight, with the quotes of both ends. */
  async list(): Promise<LinksState> {
    const links: ListedLink[] = [];
    const lists = new Map<string, Promise<Annotation[]>>();
    const view = async (end: LinkEnd): Promise<EndView> => {
      if (!this.exists(end)) return { ...end, quote: null };
      let quote = this.quotes.get(end.annotationId);
      if (quote === undefined) {
        const list = lists.get(end.documentId) ?? lists.set(end.documentId, this.host.annotationsOf(end.documentId)).get(end.documentId)!;
        const annotation = (await list).find((a) => a.id === end.annotationId);
        quote = annotation ? (findSelector(annotation, 'TextQuoteSelector')?.exact ?? '') : '';
        this.quotes.set(end.annotationId, quote);
      }
      return { ...end, quote };
    };
    for (const link of this.state.links) {
      const status = linkStatus(link, this.exists);
      if (status === 'detached') continue;
      const { detached: _detached, ...rest } = link;
      links.push({ ...rest, from: await view(link.from), to: await view(link.to), status });
    }
    return { relations: this.state.relations, links };
  }

  edit(edit: LinkEdit): Promise<LinksState> {
    return this.host.serialize(async () => {
      const next = applyLinkEdit(this.state, edit, { newId: randomUUID(), now: new Date().toISOString(), passageExists: this.exists });
      await this.write(next);
      return this.publish();
    });
  }

  /**
   * Links as they arrived by sync: `update` makes the new state from the current one inside the write
   * queue (so it can refuse when something changed here meanwhile); checked as links.json is at open.
   */
  replaceSynced(update: (current: StoredLinks) => StoredLinks): Promise<void> {
    return this.host.serialize(async () => {
      const next = update(this.state);
      const checked = checkLinksFile({ version: LINKS_FORMAT_VERSION, ...next });
      if (checked.invalid.length) throw new AppError('invalid-input', `A link from the server cannot be used: ${checked.invalid[0]!.reason}`);
      await this.write(checked.value);
      await this.publish();
    });
  }

  // ---- Called by the store, inside its write queue -------------------------------------------------

  /** Before highlights are deleted (or trashed with their document): their links are marked as gone with them. */
  async detach(gone: (end: LinkEnd) => boolean): Promise<void> {
    const next = detachLinks(this.state, gone);
    if (next === this.state) return;
    await this.write(next);
    this.pending = true;
  }

  /** After the highlights' files are written: publishes what detach() changed. */
  async settle(): Promise<void> {
    if (!this.pending) return;
    this.pending = false;
    await this.publish();
  }

  /** After highlights came back (Undo, a document restored): their links are live again. */
  async reattach(): Promise<void> {
    const next = reattachLinks(this.state, this.exists);
    if (next !== this.state) {
      await this.write(next);
      this.pending = true;
    }
    await this.settle();
  }

  private async write(next: StoredLinks): Promise<void> {
    await writeLinksFile(this.file, next);
    // Memory changes only once the file is written: a failed write leaves both as they were.
    this.state = next;
  }

  private async publish(): Promise<LinksState> {
    const state = await this.list();
    this.host.publish({ kind: 'links.changed', state });
    return state;
  }
}

export function writeLinksFile(file: string, links: StoredLinks): Promise<void> {
  return writeJsonAtomic(file, { version: LINKS_FORMAT_VERSION, relations: links.relations, links: links.links });
}
