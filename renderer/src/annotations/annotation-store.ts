// The annotations of the open document, with no UI in it (the model zotero/reader taught us):
// every change is applied at once, saved at once through the injected persistence, and recorded for
// undo. A save that fails is rolled back and reported, so the screen never shows what is not on disk.
// Changes made elsewhere (an import, another window, a recoding) arrive as the library's change events
// and are shown at once; they are not saved again and not undoable here.
import type { LibraryChange } from '../../../shared/library-changes';
import type { Annotation, AnnotationBody, Selector } from '../../../shared/model';

export interface AnnotationPersistence {
  save(annotation: Annotation): Promise<Annotation>;
  remove(documentId: string, id: string): Promise<void>;
}

type Change = { before: Annotation | null; after: Annotation | null };

/** How long edits to one annotation merge into a single undo step (typing a note, say). */
const MERGE_WINDOW_MS = 1_500;

export class AnnotationStore {
  private annotations: Annotation[];
  private readonly listeners = new Set<() => void>();
  private readonly undoStack: { change: Change; at: number }[] = [];
  private readonly redoStack: Change[] = [];
  private saving: Promise<unknown> = Promise.resolve();
  /** Per annotation, how many of its saves are under way: what is on screen is newer than any echo. */
  private readonly unsaved = new Map<string, number>();

  constructor(
    readonly documentId: string,
    initial: Annotation[],
    private readonly persistence: AnnotationPersistence,
    private readonly onError: (message: string) => void,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {
    this.annotations = initial;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): Annotation[] => this.annotations;

  get(id: string): Annotation | undefined {
    return this.annotations.find((a) => a.id === id);
  }

  create(selectors: Selector[], body: AnnotationBody): Annotation {
    const now = new Date().toISOString();
    const annotation: Annotation = {
      id: this.newId(),
      documentId: this.documentId,
      created: now,
      modified: now,
      target: { selector: selectors },
      body,
    };
    this.apply({ before: null, after: annotation }, true);
    return annotation;
  }

  update(id: string, patch: Partial<AnnotationBody>): void {
    const before = this.get(id);
    if (!before) return;
    const after: Annotation = { ...before, body: { ...before.body, ...patch }, modified: new Date().toISOString() };
    const last = this.undoStack.at(-1);
    if (last && last.change.after?.id === id && last.change.before && Date.now() - last.at < MERGE_WINDOW_MS) {
      // Merge into the previous step: undo then returns to the state before the whole burst of edits.
      last.change = { before: last.change.before, after };
      last.at = Date.now();
      this.redoStack.length = 0;
      this.apply({ before, after }, false);
      return;
    }
    this.apply({ before, after }, true);
  }

  /**
   * Points an annotation at another place. Re-attaching an orphan to a new selection is the user's
   * change and can be undone; drawing a highlight again on new pages (`record: false`) is not.
   */
  retarget(id: string, selectors: Selector[], options: { record: boolean }): void {
    const before = this.get(id);
    if (!before) return;
    // Re-attached by hand: how an import once found it no longer applies.
    const { anchoring, ...rest } = before;
    const kept = options.record || !anchoring ? {} : { anchoring };
    const after: Annotation = { ...rest, ...kept, target: { selector: selectors }, modified: new Date().toISOString() };
    this.apply({ before, after }, options.record);
  }

  remove(id: string): void {
    const before = this.get(id);
    if (before) this.apply({ before, after: null }, true);
  }

  /** Put back an annotation deleted earlier (as its own undoable step). */
  restore(annotation: Annotation): void {
    if (!this.get(annotation.id)) this.apply({ before: null, after: annotation }, true);
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  undo(): string | null {
    const step = this.undoStack.pop();
    if (!step) return null;
    this.redoStack.push(step.change);
    this.apply({ before: step.change.after, after: step.change.before }, false);
    return describe(step.change);
  }

  redo(): string | null {
    const change = this.redoStack.pop();
    if (!change) return null;
    this.undoStack.push({ change, at: 0 });
    this.apply(change, false);
    return describe(change);
  }

  /**
   * A change the library published. This document's annotations take the new versions, unless this
   * store has a save of the same annotation under way (its own edit, newer than what arrives) or holds a
   * newer version already (the echo of an earlier save of its own arriving late).
   */
  applyLibraryChange(change: LibraryChange): void {
    let incoming: readonly Annotation[] = [];
    let removed: readonly string[] = [];
    if (change.kind === 'annotations.changed' && change.documentId === this.documentId) {
      incoming = [...change.added, ...change.updated];
      removed = change.removed;
    } else if (change.kind === 'codebook.changed') {
      incoming = change.recoded.filter((a) => a.documentId === this.documentId);
    }
    let next = this.annotations;
    for (const annotation of incoming) {
      if (this.unsaved.has(annotation.id)) continue;
      const current = next.find((a) => a.id === annotation.id);
      if (current && current.modified > annotation.modified) continue;
      if (current && JSON.stringify(current) === JSON.stringify(annotation)) continue;
      next = replace(next, { before: current ?? null, after: annotation });
    }
    for (const id of removed) if (!this.unsaved.has(id)) next = next.filter((a) => a.id !== id);
    if (next.length === this.annotations.length && next.every((a, i) => a === this.annotations[i])) return;
    this.annotations = next;
    this.emit();
  }

  /** Whether a change is still on its way to the library (closing now would lose it). */
  hasUnsavedChanges(): boolean {
    return this.unsaved.size > 0;
  }

  /** Resolves when every save started so far has finished. */
  flush(): Promise<unknown> {
    return this.saving;
  }

  private apply(change: Change, record: boolean): void {
    const previous = this.annotations;
    this.annotations = replace(previous, change);
    if (record) {
      this.undoStack.push({ change, at: Date.now() });
      this.redoStack.length = 0;
    }
    this.emit();
    const id = (change.after ?? change.before)!.id;
    this.unsaved.set(id, (this.unsaved.get(id) ?? 0) + 1);
    const save = async () => {
      if (change.after) {
        const stored = await this.persistence.save(change.after);
        // Keep the stored copy (with its modified time) unless a newer edit has replaced it meanwhile.
        if (this.get(stored.id) === change.after) {
          this.annotations = this.annotations.map((a) => (a.id === stored.id ? stored : a));
          this.emit();
        }
      } else if (change.before) {
        await this.persistence.remove(this.documentId, change.before.id);
      }
    };
    this.saving = this.saving
      .then(save)
      .catch((error: unknown) => {
        // Undo this change on screen: what is shown must be what is saved.
        this.annotations = replace(this.annotations, { before: change.after, after: change.before });
        this.emit();
        this.onError(`Your change could not be saved: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        const left = (this.unsaved.get(id) ?? 1) - 1;
        if (left > 0) this.unsaved.set(id, left);
        else this.unsaved.delete(id);
      });
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function replace(list: Annotation[], { before, after }: Change): Annotation[] {
  const id = (before ?? after)?.id;
  if (!after) return list.filter((a) => a.id !== id);
  if (list.some((a) => a.id === id)) return list.map((a) => (a.id === id ? after : a));
  return [...list, after];
}

function describe(change: Change): string {
  if (!change.before) return 'highlight';
  if (!change.after) return 'deletion';
  if (change.before.target !== change.after.target) return 're-attachment';
  return 'edit';
}
