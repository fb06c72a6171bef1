// Importing a W3C Web Annotation or Hypothesis file: each annotation's target is matched to a library
// document (same file by content hash, then DOI, URL, title, and last the one document whose text
// holds the quote; or the document the user chose for it), anchored in that document's text, and
// stored. What cannot be placed is kept as an orphan, never dropped; targets that match no document
// are reported, so the user can choose one and import again (what is already there is not doubled).
import { randomUUID } from 'node:crypto';
import { anchorAnnotations, anchoringNote, describeRange } from '../../../shared/anchoring';
import { foldForMatching } from '../../../shared/codebooks';
import { AppError } from '../../../shared/errors';
import { normalizeDoi, titleKey } from '../../../shared/interchange/csl-json';
import type { AnnotationImportAssignment, AnnotationImportReport } from '../../../shared/interchange/types';
import { AnnotationFileError, parseAnnotationFile, type IncomingAnnotation, type IncomingTarget } from '../../../shared/interchange/w3c-import';
import { ACTOR_KINDS, type ActorKind, type Annotation, type Codebook, type LibraryDocument, type Selector } from '../../../shared/model';
import { annotationSchema, idSchema } from '../../../shared/schemas';
import { decodeText } from '../import/decode';
import type { LibraryStore } from '../library/store';
import type { TaskHandle } from '../tasks';
import { importPassageLinks } from './import-passage-links';

export interface AnnotationImportOptions {
  /** Documents the user chose for targets that match none (source null: annotations that name none). */
  assign?: readonly AnnotationImportAssignment[];
}

export async function importAnnotationFile(
  store: LibraryStore,
  name: string,
  bytes: Uint8Array,
  task: TaskHandle,
  options: AnnotationImportOptions = {},
): Promise<AnnotationImportReport> {
  let parsed;
  try {
    parsed = parseAnnotationFile(decodeText(name, bytes).text);
  } catch (error) {
    if (error instanceof AnnotationFileError) throw new AppError('invalid-input', `${name}: ${error.message}`);
    throw error;
  }
  const report: AnnotationImportReport = {
    imported: 0,
    alreadyPresent: 0,
    reanchored: 0,
    orphaned: 0,
    unmatched: [],
    codebookAdded: [],
    skipped: [...parsed.skipped],
    notice: parsed.notice,
    linksAdded: 0,
    linksPresent: 0,
  };
  const skip = (reason: string) => {
    const entry = report.skipped.find((s) => s.reason === reason);
    if (entry) entry.count++;
    else report.skipped.push({ reason, count: 1 });
  };

  const assigned = new Map<string, LibraryDocument>();
  for (const { source, documentId } of options.assign ?? []) {
    const document = store.listDocuments().find((d) => d.id === documentId);
    if (!document) throw new AppError('not-found', `The document chosen for ${source ?? 'the annotations that name no document'} is no longer in the library.`);
    assigned.set(source ?? '', document);
  }

  const existing = new Map((await store.allAnnotations()).map((a) => [a.id, a]));
  /** The file's annotation ids → the ids they have in the library (for the file's links between them). */
  const idMap = new Map<string, string>();
  const documents = store.listDocuments();
  const matcher = new DocumentMatcher(store, documents);
  const groups = new Map<string, IncomingAnnotation[]>();
  const unmatched = new Map<string, AnnotationImportReport['unmatched'][number]>();
  for (const [i, incoming] of parsed.annotations.entries()) {
    if (i % 200 === 0) task.progress(i, parsed.annotations.length, 'Matching annotations to documents');
    const key = incoming.target.source ?? '';
    const document = assigned.get(key) ?? (await matcher.match(incoming));
    if (!document) {
      const entry = unmatched.get(key) ?? { source: incoming.target.source, title: incoming.target.title, count: 0 };
      entry.count++;
      unmatched.set(key, entry);
      continue;
    }
    (groups.get(document.id) ?? groups.set(document.id, []).get(document.id)!).push(incoming);
  }
  report.unmatched = [...unmatched.values()];

  const links = resolveCodebook(store.getCodebook(), [...groups.values()].flat());
  if (links.added.length) {
    task.check();
    await store.saveCodebook(links.codebook);
    report.codebookAdded = links.added;
  }

  let done = 0;
  for (const [documentId, incoming] of groups) {
    const document = store.getDocument(documentId);
    task.progress(done++, groups.size, `Placing annotations in ${document.metadata.title}`);
    const text = (await store.readText(documentId)).text;
    const positionsHold = positionsCountThisText(document, incoming, text);
    const fresh: Annotation[] = [];
    const drafts = incoming.flatMap((a) => {
      const selectors = usableSelectors(a, text, positionsHold);
      if (typeof selectors === 'string') {
        skip(selectors);
        return [];
      }
      const id = chooseId(a, selectors, documentId, existing);
      if (id === null) {
        if (a.id && existing.has(a.id)) idMap.set(a.id, a.id);
        report.alreadyPresent++;
        return [];
      }
      if (a.id) idMap.set(a.id, id);
      const now = new Date().toISOString();
      const draft: Annotation = {
        id,
        documentId,
        created: a.created ?? now,
        modified: a.modified ?? a.created ?? now,
        ...(a.coder ? { author: a.coder } : {}),
        target: { selector: selectors },
        body: {
          color: a.color,
          note: a.note.slice(0, 100_000),
          tags: a.tags.filter((t) => t.length <= 100).slice(0, 100),
          principles: [...new Set(a.principles.map((l) => links.principle(l)).filter((x): x is string => x !== null))],
          actors: dedupeActors(a.actors.map((l) => ({ actorId: links.actor(l), stance: l.stance })).filter((l): l is { actorId: string; stance: typeof l.stance } => l.actorId !== null)),
        },
      };
      existing.set(id, draft);
      return [draft];
    });
    const anchoring = anchorAnnotations(text, drafts);
    for (const placed of anchoring.anchored) {
      const position = placed.annotation.target.selector.find((s) => s.type === 'TextPositionSelector');
      const moved = !position || position.start !== placed.start || position.end !== placed.end;
      if (moved) report.reanchored++;
      const area = placed.annotation.target.selector.filter((s) => s.type === 'PdfAreaSelector');
      const note = anchoringNote(placed);
      fresh.push({ ...placed.annotation, target: { selector: [...describeRange(text, placed.start, placed.end), ...area] }, ...(note ? { anchoring: note } : {}) });
    }
    for (const orphan of anchoring.orphaned) {
      report.orphaned++;
      fresh.push(orphan.annotation);
    }
    fresh.push(...anchoring.regions);
    const valid = fresh.filter((a) => annotationSchema.safeParse(a).success);
    if (valid.length < fresh.length) report.skipped.push({ reason: 'invalid after reading', count: fresh.length - valid.length });
    task.check();
    await store.addAnnotations(documentId, valid);
    report.imported += valid.length;
  }
  if (parsed.links.length) {
    task.progress(0, 1, 'Linking passages');
    const links = await importPassageLinks(store, parsed.links, idMap, existing, skip);
    report.linksAdded = links.added;
    report.linksPresent = links.present;
  }
  return report;
}

/**
 * Whether positions in the file count the characters of this document's text as Apostil does: the
 * file names this very file (our own export), or its annotations with both a quote and a position
 * all find their quote at their position here (and at least one does).
 */
function positionsCountThisText(document: LibraryDocument, incoming: readonly IncomingAnnotation[], text: string): boolean {
  if (incoming.some((a) => a.target.contentHash === document.contentHash)) return true;
  let agree = 0;
  for (const a of incoming) {
    const quote = a.selectors.find((s) => s.type === 'TextQuoteSelector');
    const position = a.selectors.find((s) => s.type === 'TextPositionSelector');
    if (!quote || !position) continue;
    if (text.slice(position.start, position.end) !== quote.exact) return false;
    agree++;
  }
  return agree > 0;
}

/** The selectors to store, or why the annotation cannot be used: a lone position needs a text known to match. */
function usableSelectors(a: IncomingAnnotation, text: string, positionsHold: boolean): Selector[] | string {
  if (a.selectors.some((s) => s.type === 'TextQuoteSelector' || s.type === 'PdfAreaSelector')) return a.selectors;
  const position = a.selectors.find((s) => s.type === 'TextPositionSelector');
  if (!position) return 'no selector Apostil can use';
  if (!positionsHold) {
    return 'it has only a position (no quote), and nothing in the file shows that its positions count the characters of Apostil’s text of the document';
  }
  if (position.end > text.length) return 'its position lies beyond the end of the document’s text';
  return describeRange(text, position.start, position.end);
}

/**
 * The id to store an annotation under, or null when the library already has this very annotation: the
 * same id (or, for one the file gives no id, the same note) on the same quote of the same document.
 */
function chooseId(a: IncomingAnnotation, selectors: readonly Selector[], documentId: string, existing: Map<string, Annotation>): string | null {
  const quoteOf = (list: readonly Selector[]) => list.find((s) => s.type === 'TextQuoteSelector')?.exact;
  const quote = quoteOf(selectors);
  const same = (x: Annotation) => x.documentId === documentId && quoteOf(x.target.selector) === quote;
  const wanted = a.id && idSchema.safeParse(a.id).success ? a.id : null;
  if (!wanted) {
    const note = a.note.slice(0, 100_000);
    return [...existing.values()].some((x) => same(x) && x.body.note === note) ? null : randomUUID();
  }
  const present = existing.get(wanted);
  if (!present) return wanted;
  return same(present) ? null : randomUUID();
}

function dedupeActors<T extends { actorId: string }>(links: T[]): T[] {
  const seen = new Set<string>();
  return links.filter((l) => !seen.has(l.actorId) && seen.add(l.actorId));
}

class DocumentMatcher {
  private readonly texts = new Map<string, string>();
  private readonly bySource = new Map<string, LibraryDocument | null>();

  constructor(
    private readonly store: LibraryStore,
    private readonly documents: readonly LibraryDocument[],
  ) {}

  async match(incoming: IncomingAnnotation): Promise<LibraryDocument | null> {
    const key = incoming.target.source ?? '';
    if (!this.bySource.has(key)) this.bySource.set(key, incoming.target.source === null ? null : this.byMetadata(incoming.target));
    const found = this.bySource.get(key);
    if (found) return found;
    return this.byQuote(incoming);
  }

  private byMetadata(target: IncomingTarget): LibraryDocument | null {
    const d = this.documents;
    const doi = target.doi ? normalizeDoi(target.doi) : null;
    const url = target.url ? normalizeUrl(target.url) : null;
    const title = target.title ? titleKey(target.title) : null;
    return (
      (target.contentHash && d.find((x) => x.contentHash === target.contentHash)) ||
      (doi && d.find((x) => x.metadata.doi && normalizeDoi(x.metadata.doi) === doi)) ||
      (url && d.find((x) => x.metadata.url && normalizeUrl(x.metadata.url) === url)) ||
      (title && d.find((x) => titleKey(x.metadata.title) === title)) ||
      null
    );
  }

  /** The one document whose text contains the quote; none if no document or several do. */
  private async byQuote(incoming: IncomingAnnotation): Promise<LibraryDocument | null> {
    const quote = incoming.selectors.find((s) => s.type === 'TextQuoteSelector');
    if (!quote || quote.exact.length < 12) return null;
    const hits: LibraryDocument[] = [];
    for (const document of this.documents) {
      let text = this.texts.get(document.id);
      if (text === undefined) {
        text = (await this.store.readText(document.id).catch(() => null))?.text ?? '';
        this.texts.set(document.id, text);
      }
      if (text.includes(quote.exact)) hits.push(document);
      if (hits.length > 1) return null;
    }
    return hits[0] ?? null;
  }
}

function normalizeUrl(url: string): string {
  return url.trim().replace(/#.*$/, '').replace(/^https?:\/\/(www\.)?/i, '').replace(/\/+$/, '').toLowerCase();
}

interface ResolvedLinks {
  codebook: Codebook;
  added: string[];
  principle(link: IncomingAnnotation['principles'][number]): string | null;
  actor(link: IncomingAnnotation['actors'][number]): string | null;
}

/**
 * Principles and actors are found in the codebook by id, then by name; those it lacks are added
 * (an export from another library carries its own codebook entries), so no link is lost.
 */
function resolveCodebook(codebook: Codebook, incoming: IncomingAnnotation[]): ResolvedLinks {
  const next: Codebook = { ...codebook, principles: [...codebook.principles], actors: [...codebook.actors] };
  const added: string[] = [];
  const fold = (s: string) => foldForMatching(s).toLowerCase().trim();
  const ids = () => new Set([...next.principles.map((p) => p.id), ...next.actors.map((a) => a.id)]);
  const freshId = (link: { id: string | null; name: string | null }) => {
    const used = ids();
    const base = (link.id && idSchema.safeParse(link.id).success ? link.id : slug(link.name ?? 'code')) || 'code';
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    return id;
  };
  const principle = (link: { id: string | null; name: string | null }): string | null => {
    const found = next.principles.find((p) => p.id === link.id) ?? (link.name ? next.principles.find((p) => fold(p.name) === fold(link.name!)) : undefined);
    if (found) return found.id;
    if (!link.name?.trim()) return null;
    const id = freshId(link);
    next.principles.push({ id, name: link.name.trim().slice(0, 200), description: '', color: '#7a7f87', parentId: null, whenToUse: '', whenNotToUse: '', example: '' });
    added.push(`principle "${link.name.trim()}"`);
    return id;
  };
  const actor = (link: IncomingAnnotation['actors'][number]): string | null => {
    const found = next.actors.find((a) => a.id === link.id) ?? (link.name ? next.actors.find((a) => fold(a.name) === fold(link.name!)) : undefined);
    if (found) return found.id;
    if (!link.name?.trim()) return null;
    const id = freshId(link);
    const kind: ActorKind = (ACTOR_KINDS as readonly string[]).includes(link.kind ?? '') ? (link.kind as ActorKind) : 'civil-society';
    next.actors.push({ id, name: link.name.trim().slice(0, 200), kind, aliases: [] });
    added.push(`actor "${link.name.trim()}"`);
    return id;
  };
  // Resolve every link once now, so the codebook is complete before any annotation is stored.
  for (const a of incoming) {
    a.principles.forEach(principle);
    a.actors.forEach(actor);
  }
  return { codebook: next, added, principle, actor };
}

function slug(name: string): string {
  return foldForMatching(name).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}
