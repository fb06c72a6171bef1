// Running an export: resolve its scope (the whole library, a collection or tag, chosen documents, or
// the annotations a search finds), gather the passages, format them, and hand back the file's name, type and bytes.
// Nothing is written here: the renderer downloads the bytes, or the desktop app saves them (files.save).
import type { PassageLink } from '../../../shared/links/model';
import type { Memo } from '../../../shared/memos/model';
import { createHash } from 'node:crypto';
import { toCodedPassage, type CodedPassage } from '../../../shared/analysis/passages';
import { AppError } from '../../../shared/errors';
import { buildBibliography } from '../../../shared/interchange/bibliography';
import { bibliographyToHtml, bibliographyToMarkdown } from '../../../shared/interchange/bibliography-text';
import { citationKeys, toCslItem, type CslItem } from '../../../shared/interchange/csl-json';
import { passagesToCsv } from '../../../shared/interchange/passages-csv';
import { buildRefiQdaProject } from '../../../shared/interchange/refi-qda';
import {
  CITATION_STYLE_LABELS,
  DEFAULT_BIBLIOGRAPHY_OPTIONS,
  type ExportedFile,
  type ExportRequest,
  type ExportScope,
  type WaitingReference,
} from '../../../shared/interchange/types';
import { annotationsToW3c } from '../../../shared/interchange/w3c';
import { addBibtexGroups, exportSets, type ExportedOrganisation } from '../../../shared/interchange/collections';
import { emptyScopeMessage, scopeExists, scopeSlug, scopeTest } from '../../../shared/collections/scope';
import type { Annotation, Codebook, DocumentMetadata, DocumentText, LibraryDocument } from '../../../shared/model';
import { WELCOME_DOCUMENT } from '../../../shared/welcome/welcome';
import type { LibraryStore } from '../library/store';
import type { ReferenceShelf } from '../references/shelf';
import type { SearchService } from '../search/search-service';
import { yieldToEventLoop, type TaskHandle } from '../tasks';
import { exportAnnotatedPdfs } from '../pdf-annotations/export-pdf';
import { bibliographyToDocx } from './bibliography-docx';
import type { CitationFormatter } from './citations';
import * as citeprocHere from './citeproc';
import { packQdpx } from './qdpx';
import { referencesToBibtex, referencesToCslJson, referencesToRis } from './references';
import type { DocumentVariables } from '../../../shared/variables';

export interface ExportServices {
  store: LibraryStore;
  search: Pick<SearchService, 'query'>;
  references: ReferenceShelf;
  citations: References;
}

type References = Pick<CitationFormatter, 'formatReferences'>;

export interface Scoped {
  documents: LibraryDocument[];
  waiting: WaitingReference[];
  annotations: Annotation[];
  label: string;
}

const encoder = new TextEncoder();
const file = (fileName: string, mimeType: string, content: string | Uint8Array): ExportedFile => ({
  fileName,
  mimeType,
  bytes: typeof content === 'string' ? encoder.encode(content) : content,
});

export async function runExport(app: ExportServices, request: ExportRequest, task: TaskHandle, now = new Date()): Promise<ExportedFile> {
  task.progress(0, 1, 'Gathering the annotations');
  const scoped = await resolveScope(app, request.scope);
  if (request.format === 'annotated-pdf') return exportAnnotatedPdfs(app.store, scoped, task, exportBaseName(scoped.label, now));
  const needsPassages = ['passages-csv', 'bibliography', 'refi-qda', 'w3c-annotations'].includes(request.format);
  const texts = new Map<string, DocumentText>();
  // Full texts for REFI-QDA sources; page offsets of annotated PDFs for page numbers elsewhere.
  const toRead = scoped.documents.filter(
    (d) => request.format === 'refi-qda' || (needsPassages && d.format === 'pdf' && scoped.annotations.some((a) => a.documentId === d.id)),
  );
  // A REFI-QDA project carries the original files too, so that Apostil can read it back whole.
  const originals = new Map<string, Uint8Array>();
  for (const [i, document] of toRead.entries()) {
    task.progress(i, toRead.length, `Reading ${document.metadata.title}`);
    texts.set(document.id, await app.store.readText(document.id));
    if (request.format === 'refi-qda') {
      const original = await app.store.readOriginal(document.id).catch(() => null);
      if (original) originals.set(document.id, original);
    }
    await yieldToEventLoop();
  }
  task.progress(0, 1, 'Writing the file');
  const organisation = app.store.collections.organisation();
  const variables = app.store.variables.get();
  return formatExport(request, { ...scoped, texts, originals, codebook: app.store.getCodebook(), libraryName: app.store.info().name, organisation, variables, links: app.store.links.stored().links, memos: app.store.memos.list() }, now, app.citations);
}

export interface ExportData extends Scoped {
  /** Texts of the documents that were read (all of them for REFI-QDA, annotated PDFs otherwise). */
  texts: ReadonlyMap<string, DocumentText>;
  /** Original files (REFI-QDA only; a missing original is left out). */
  originals?: ReadonlyMap<string, Uint8Array>;
  codebook: Codebook;
  libraryName: string;
  /** Collections and document tags, written where a format has a place for them. */
  organisation: ExportedOrganisation;
  /** Document variables: a column each in the passages CSV, Variables and Cases in REFI-QDA. */
  variables?: DocumentVariables;
  /** Links between passages (the W3C export writes those whose two highlights it exports). */
  links?: readonly PassageLink[];
  /** Memos: Notes in REFI-QDA, a document's memos in the annotated bibliography when asked for. */
  memos?: readonly Memo[];
}

/**
 * The file for a request from data already gathered: no I/O, so the formats are tested on fixtures.
 * Citation styles are applied by `citations` (the app's worker; on this thread by default).
 */
export async function formatExport(request: ExportRequest, data: ExportData, now: Date, citations: References = citeprocHere): Promise<ExportedFile> {
  const base = exportBaseName(data.label, now);
  const sources = [...data.documents.map((d) => ({ id: d.id, metadata: d.metadata })), ...data.waiting.map((w) => ({ id: w.id, metadata: w.metadata }))];
  const items = cslItems(sources);
  const { organisation } = data;
  // Document tags are CSL keywords; RIS writes one KW line per comma-separated keyword.
  const keywords = (separator: string) => items.map((item, i) => (organisation.tags[sources[i]!.id]?.length ? { ...item, keyword: organisation.tags[sources[i]!.id]!.join(separator) } : item));
  const documentsById = new Map(data.documents.map((d) => [d.id, d]));
  const passages = () => data.annotations.map((a) => toCodedPassage(a, data.texts.get(a.documentId)?.pages ?? null, documentsById.get(a.documentId)));
  const { codebook } = data;

  switch (request.format) {
    case 'csl-json':
      return file(`${base}-references.json`, 'application/vnd.citationstyles.csl+json', referencesToCslJson(keywords(', ')));
    case 'bibtex': {
      const keys = new Map(sources.map((s, i) => [s.id, items[i]!['citation-key']!]));
      return file(`${base}-references.bib`, 'application/x-bibtex', addBibtexGroups(await referencesToBibtex(items), keys, organisation));
    }
    case 'ris':
      return file(`${base}-references.ris`, 'application/x-research-info-systems', await referencesToRis(keywords(',')));
    case 'w3c-annotations':
      return file(
        `${base}-annotations.jsonld`,
        'application/ld+json',
        annotationsToW3c({ documents: data.documents, annotations: data.annotations, codebook, generatedAt: now.toISOString(), links: data.links, pages: pdfPages(passages(), documentsById) }),
      );
    case 'passages-csv': {
      const formatted = await citations.formatReferences(items, 'apa');
      const inText = new Map(sources.map((s, i) => [s.id, formatted.citations.get(items[i]!.id) ?? '']));
      return file(`${base}-passages.csv`, 'text/csv', passagesToCsv({ documents: data.documents, passages: passages(), codebook, citations: inText, variables: data.variables }));
    }
    case 'bibliography': {
      const options = request.bibliography ?? DEFAULT_BIBLIOGRAPHY_OPTIONS;
      const formatted = await citations.formatReferences(items, options.style);
      const sourceOfKey = new Map(items.map((item, i) => [item.id, sources[i]!]));
      const references = new Map([...formatted.references].map(([key, rich]) => [sourceOfKey.get(key)!.id, rich]));
      const bibliography = buildBibliography({
        sources: formatted.order.map((key) => sourceOfKey.get(key)!),
        references,
        passages: passages(),
        codebook,
        groupBy: options.groupBy,
        styleLabel: CITATION_STYLE_LABELS[options.style],
        generatedAt: now.toISOString(),
        ...(options.includeMemos ? { memos: documentMemos(data.memos ?? []) } : {}),
      });
      const name = `${base}-bibliography-${options.style}`;
      if (options.output === 'markdown') return file(`${name}.md`, 'text/markdown', bibliographyToMarkdown(bibliography));
      if (options.output === 'html') return file(`${name}.html`, 'text/html', bibliographyToHtml(bibliography));
      return file(`${name}.docx`, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', await bibliographyToDocx(bibliography));
    }
    case 'annotated-pdf':
      throw new AppError('internal', 'Annotated PDFs are written from the library, not from gathered data (runExport).');
    case 'refi-qda': {
      const project = buildRefiQdaProject({
        projectName: `Apostil: ${data.libraryName}`,
        sources: data.documents.map((document) => ({
          document,
          text: data.texts.get(document.id)?.text ?? '',
          layout: data.texts.get(document.id),
          original: data.originals?.get(document.id),
        })),
        passages: passages(),
        annotations: data.annotations,
        codebook,
        generatedAt: now.toISOString(),
        sets: exportSets(organisation, new Set(data.documents.map((d) => d.id))),
        variables: data.variables,
        memos: data.memos,
      });
      return file(`${base}.qdpx`, 'application/zip', await packQdpx(project));
    }
  }
}

/** Memos about documents, by document, oldest first (the order they were written in). */
function documentMemos(memos: readonly Memo[]): Map<string, { title: string; body: string }[]> {
  const out = new Map<string, { title: string; body: string }[]>();
  for (const memo of [...memos].sort((a, b) => a.created.localeCompare(b.created))) {
    if (memo.target.kind !== 'document') continue;
    const list = out.get(memo.target.documentId) ?? out.set(memo.target.documentId, []).get(memo.target.documentId)!;
    list.push({ title: memo.title, body: memo.body });
  }
  return out;
}

function exportBaseName(label: string, now: Date): string {
  return `apostil-${label}-${now.toISOString().slice(0, 10)}`;
}

/**
 * The documents an export of the whole library or of a search covers: all but the welcome document a
 * new library starts with, which is Apostil's help, not a source (chosen by name, it is exported).
 */
function sources(store: LibraryStore): LibraryDocument[] {
  const welcome = welcomeHash();
  return store.listDocuments().filter((d) => d.contentHash !== welcome);
}

let welcome: string | null = null;
const welcomeHash = () => (welcome ??= createHash('sha256').update(new TextEncoder().encode(WELCOME_DOCUMENT.markdown)).digest('hex'));

export async function resolveScope(app: ExportServices, scope: ExportScope): Promise<Scoped> {
  const { store } = app;
  if (scope.kind === 'library') {
    const documents = sources(store);
    return { documents, waiting: app.references.list(), annotations: await annotationsOf(store, documents), label: 'library' };
  }
  if (scope.kind === 'documents') {
    const documents = [...new Set(scope.documentIds)].map((id) => store.getDocument(id));
    return { documents, waiting: [], annotations: await annotationsOf(store, documents), label: documents.length === 1 ? 'document' : 'selection' };
  }
  if (scope.kind !== 'search') {
    const organisation = store.collections.organisation();
    if (!scopeExists(scope, organisation)) throw new AppError('not-found', 'That collection no longer exists.');
    const test = scopeTest(scope, organisation)!;
    const documents = store.listDocuments().filter((d) => test(d.id));
    if (documents.length === 0) throw new AppError('not-found', `${emptyScopeMessage(scope, organisation.collections)} There is nothing to export.`);
    return { documents, waiting: [], annotations: await annotationsOf(store, documents), label: scopeSlug(scope, organisation.collections) };
  }
  const results = await app.search.query(scope.query, { limit: 1_000_000 });
  if (results.error) throw new AppError('invalid-input', results.error.message);
  const wanted = new Set(results.annotations.map((hit) => hit.annotationId).filter((id): id is string => id !== null));
  if (wanted.size === 0) throw new AppError('not-found', `No annotation matches “${scope.query}”, so there is nothing to export. Try other words.`);
  const all = await annotationsOf(store, sources(store));
  const annotations = all.filter((a) => wanted.has(a.id));
  if (annotations.length === 0) throw new AppError('not-found', `No annotation of your sources matches “${scope.query}”, so there is nothing to export. Try other words.`);
  const ids = new Set(annotations.map((a) => a.documentId));
  return { documents: sources(store).filter((d) => ids.has(d.id)), waiting: [], annotations, label: 'search' };
}

async function annotationsOf(store: LibraryStore, documents: readonly LibraryDocument[]): Promise<Annotation[]> {
  const out: Annotation[] = [];
  for (const document of documents) out.push(...(await store.listAnnotations(document.id)));
  return out;
}

export function cslItems(sources: readonly { id: string; metadata: DocumentMetadata }[]): CslItem[] {
  const keys = citationKeys(sources);
  return sources.map((s) => ({ ...toCslItem(keys.get(s.id)!, s.metadata), 'citation-key': keys.get(s.id)! }));
}

/** Each PDF passage's page and printed label, for the W3C export. */
function pdfPages(passages: readonly CodedPassage[], documents: ReadonlyMap<string, LibraryDocument>): Map<string, { page: number; label: string }> {
  const pages = new Map<string, { page: number; label: string }>();
  for (const p of passages) {
    if (p.page !== null && p.pageLabel !== null && documents.get(p.documentId)?.format === 'pdf') pages.set(p.annotationId, { page: p.page, label: p.pageLabel });
  }
  return pages;
}
