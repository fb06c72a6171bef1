// The store's memory of annotations: the ids of every document's annotations (to count them, and to
// know which document an annotation belongs to), and the full lists of only the documents used lately,
// up to a budget of annotations: a library of 100,000 annotations is not held in memory as objects. A
// list not in memory is read again from its file when asked for.

/** About 1.5 KB each in memory: 20,000 is some 30 MB, and more than most libraries have. */
export const ANNOTATIONS_HELD = 20_000;

export class AnnotationLists {
  /**
   * Per document, its annotations' ids: as the check at open gave them (a list), made a set the first time
   * an annotation's document is looked for: 5,000 sets of 100,000 ids were a noticeable part of an open.
   */
  private readonly ids = new Map<string, ReadonlySet<string> | readonly string[]>();
  /** Least recently used first (a Map keeps insertion order; a use moves the list to the end). */
  private readonly held = new Map<string, readonly AnnotationLike[]>();
  private heldCount = 0;
  /** Per document, how many times its list was changed: a list read from disk while a change landed is stale. */
  private readonly versions = new Map<string, number>();

  constructor(private readonly budget = ANNOTATIONS_HELD) {}

  /** The list, if in memory. */
  get<T extends AnnotationLike>(documentId: string): T[] | undefined {
    const list = this.held.get(documentId);
    if (!list) return undefined;
    this.held.delete(documentId);
    this.held.set(documentId, list);
    return list as T[];
  }

  /** A document's list changed (it was written): kept in memory as the latest. */
  set(documentId: string, list: readonly AnnotationLike[]): void {
    this.versions.set(documentId, this.version(documentId) + 1);
    this.hold(documentId, list);
  }

  /** A list read from disk, kept unless the document's list changed since `version` (then it is stale). */
  loaded(documentId: string, list: readonly AnnotationLike[], version: number): boolean {
    if (this.version(documentId) !== version) return false;
    this.hold(documentId, list);
    return true;
  }

  /** The ids of a document's annotations, known without its list (from the check at open). */
  known(documentId: string, ids: readonly string[]): void {
    this.ids.set(documentId, ids);
  }

  delete(documentId: string): void {
    this.versions.set(documentId, this.version(documentId) + 1);
    this.ids.delete(documentId);
    this.release(documentId);
  }

  version(documentId: string): number {
    return this.versions.get(documentId) ?? 0;
  }

  /** The document an annotation belongs to. */
  owner(annotationId: string): string | undefined {
    for (const [documentId, ids] of this.ids) {
      let set = ids;
      if (isList(set)) this.ids.set(documentId, (set = new Set(set)));
      if (set.has(annotationId)) return documentId;
    }
    return undefined;
  }

  idsOf(documentId: string): string[] {
    return [...(this.ids.get(documentId) ?? [])];
  }

  count(): number {
    let total = 0;
    for (const ids of this.ids.values()) total += isList(ids) ? ids.length : ids.size;
    return total;
  }

  /** How many annotations are held in memory as objects now. */
  get heldAnnotations(): number {
    return this.heldCount;
  }

  private hold(documentId: string, list: readonly AnnotationLike[]): void {
    this.release(documentId);
    this.ids.set(documentId, new Set(list.map((a) => a.id)));
    this.held.set(documentId, list);
    this.heldCount += list.length;
    // The least recently used lists go first; the one just kept stays, however long it is.
    for (const [id, old] of this.held) {
      if (this.heldCount <= this.budget || id === documentId) break;
      this.held.delete(id);
      this.heldCount -= old.length;
    }
  }

  private release(documentId: string): void {
    const old = this.held.get(documentId);
    if (!old) return;
    this.held.delete(documentId);
    this.heldCount -= old.length;
  }
}

const isList = (ids: ReadonlySet<string> | readonly string[]): ids is readonly string[] => Array.isArray(ids);

interface AnnotationLike {
  id: string;
}
