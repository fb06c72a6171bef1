// Running an export: resolve its scope (the whole library, chosen documents, or the annotations a
// search finds), gather the passages, format them, and hand back the file's name, type and bytes.
// Nothing is written here: the renderer downloads the bytes, or the desktop app saves them (files.save).
import { toCodedPassage, type CodedPassage } from '../../../shared/analysis/passages';
import { AppError } from '../../../shared/errors';
import { buildBibliography } from '../../../shared/export/bibliography';
import { bibliographyToHtml, bibliographyToMarkdown } from '../../../shared/export/bibliography-text';
import { citationKeys, toCslItem, type CslItem } from '../../../shared/export/csl-json';
import { passagesToCsv } from '../../../shared/export/passages-csv';
import { buildRefiQdaProject } from '../../../shared/export/refi-qda';
import {
  CITATION_STYLE_LABELS,
  DEFAULT_BIBLIOGRAPHY_OPTIONS,
  type ExportedFile,
  type ExportRequest,
  type ExportScope,
  type WaitingReference,
} from '../../../shared/export/types';
import { annotationsToW3c } from '../../../shared/export/w3c';
import type { Annotation, DocumentMetadata, LibraryDocument } from '../../../shared/model';
import type { LibraryStore } from '../library/store';
import type { ReferenceShelf } from '../references/shelf';
import type { SearchService } from '../search/search-service';
import { yieldToEventLoop, type TaskHandle } from '../tasks';
import { bibliographyToDocx } from './bibliography-docx';
import { formatReferences } from './citeproc';
import { packQdpx } from './qdpx';
import { referencesToBibtex, referencesToCslJson, referencesToRis } from './references';

export interface ExportServices {
  store: LibraryStore;
  search: Pick<SearchService, 'query'>;
  references: ReferenceShelf;
}

interface Scoped {
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
  const stamp = now.toISOString().slice(0, 10);
  const base = `apostil-${scoped.label}-${stamp}`;
  const sources = [...scoped.documents.map((d) => ({ id: d.id, metadata: d.metadata })), ...scoped.waiting.map((w) => ({ id: w.id, metadata: w.metadata }))];
  const items = () => cslItems(sources);

  switch (request.format) {
    case 'csl-json':
      return file(`${base}-references.json`, 'application/vnd.citationstyles.csl+json', referencesToCslJson(items()));
    case 'bibtex':
      return file(`${base}-references.bib`, 'application/x-bibtex', referencesToBibtex(items()));
    case 'ris':
      return file(`${base}-references.ris`, 'application/x-research-info-systems', referencesToRis(items()));
    case 'w3c-annotations':
      return file(
        `${base}-annotations.jsonld`,
        'application/ld+json',
        annotationsToW3c({ documents: scoped.documents, annotations: scoped.annotations, codebook: app.store.getCodebook(), generatedAt: now.toISOString() }),
      );
    case 'passages-csv': {
      const passages = await codedPassages(app.store, scoped, task);
      const keyed = items();
      const formatted = await formatReferences(keyed, 'apa');
      const citations = new Map(sources.map((s, i) => [s.id, formatted.citations.get(keyed[i]!.id) ?? '']));
      return file(`${base}-passages.csv`, 'text/csv', passagesToCsv({ documents: scoped.documents, passages, codebook: app.store.getCodebook(), citations }));
    }
    case 'bibliography': {
      const options = request.bibliography ?? DEFAULT_BIBLIOGRAPHY_OPTIONS;
      const passages = await codedPassages(app.store, scoped, task);
      task.progress(0, 1, 'Formatting the references');
      const keyed = items();
      const formatted = await formatReferences(keyed, options.style);
      const sourceOfKey = new Map(keyed.map((item, i) => [item.id, sources[i]!]));
      const references = new Map([...formatted.references].map(([key, rich]) => [sourceOfKey.get(key)!.id, rich]));
      const bibliography = buildBibliography({
        sources: formatted.order.map((key) => sourceOfKey.get(key)!),
        references,
        passages,
        codebook: app.store.getCodebook(),
        groupBy: options.groupBy,
        styleLabel: CITATION_STYLE_LABELS[options.style],
        generatedAt: now.toISOString(),
      });
      const name = `${base}-bibliography-${options.style}`;
      task.progress(0, 1, 'Writing the file');
      if (options.output === 'markdown') return file(`${name}.md`, 'text/markdown', bibliographyToMarkdown(bibliography));
      if (options.output === 'html') return file(`${name}.html`, 'text/html', bibliographyToHtml(bibliography));
      return file(
        `${name}.docx`,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        await bibliographyToDocx(bibliography),
      );
    }
    case 'refi-qda': {
      const texts = new Map<string, string>();
      for (const [i, document] of scoped.documents.entries()) {
        task.progress(i, scoped.documents.length, `Reading ${document.metadata.title}`);
        texts.set(document.id, (await app.store.readText(document.id)).text);
        await yieldToEventLoop();
      }
      const passages = await codedPassages(app.store, scoped, task);
      const project = buildRefiQdaProject({
        projectName: `Apostil: ${app.store.info().name}`,
        sources: scoped.documents.map((document) => ({ document, text: texts.get(document.id)! })),
        passages,
        codebook: app.store.getCodebook(),
        generatedAt: now.toISOString(),
      });
      task.progress(0, 1, 'Packing the project');
      return file(`${base}.qdpx`, 'application/zip', packQdpx(project));
    }
  }
}

export async function resolveScope(app: ExportServices, scope: ExportScope): Promise<Scoped> {
  const { store } = app;
  if (scope.kind === 'library') {
    const documents = store.listDocuments();
    return { documents, waiting: app.references.list(), annotations: await annotationsOf(store, documents), label: 'library' };
  }
  if (scope.kind === 'documents') {
    const documents = [...new Set(scope.documentIds)].map((id) => store.getDocument(id));
    return { documents, waiting: [], annotations: await annotationsOf(store, documents), label: documents.length === 1 ? 'document' : 'selection' };
  }
  const results = await app.search.query(scope.query, 1_000_000);
  const wanted = new Set(results.annotations.map((hit) => hit.annotationId).filter((id): id is string => id !== null));
  if (wanted.size === 0) throw new AppError('not-found', `No annotation matches “${scope.query}”, so there is nothing to export. Try other words.`);
  const all = await annotationsOf(store, store.listDocuments());
  const annotations = all.filter((a) => wanted.has(a.id));
  const ids = new Set(annotations.map((a) => a.documentId));
  return { documents: store.listDocuments().filter((d) => ids.has(d.id)), waiting: [], annotations, label: 'search' };
}

async function annotationsOf(store: LibraryStore, documents: readonly LibraryDocument[]): Promise<Annotation[]> {
  const out: Annotation[] = [];
  for (const document of documents) out.push(...(await store.listAnnotations(document.id)));
  return out;
}

/** The passages in scope, with page numbers for PDFs (which needs each PDF's page offsets). */
async function codedPassages(store: LibraryStore, scoped: Scoped, task: TaskHandle): Promise<CodedPassage[]> {
  const pdfs = scoped.documents.filter((d) => d.format === 'pdf' && scoped.annotations.some((a) => a.documentId === d.id));
  const pages = new Map<string, Awaited<ReturnType<LibraryStore['readText']>>['pages']>();
  for (const [i, document] of pdfs.entries()) {
    task.progress(i, pdfs.length, `Reading the pages of ${document.metadata.title}`);
    pages.set(document.id, (await store.readText(document.id)).pages);
    await yieldToEventLoop();
  }
  task.check();
  return scoped.annotations.map((a) => toCodedPassage(a, pages.get(a.documentId) ?? null));
}

function cslItems(sources: readonly { id: string; metadata: DocumentMetadata }[]): CslItem[] {
  const keys = citationKeys(sources);
  return sources.map((s) => ({ ...toCslItem(keys.get(s.id)!, s.metadata), 'citation-key': keys.get(s.id)! }));
}
