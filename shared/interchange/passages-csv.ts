// Coded passages as CSV: one row a passage, ready for a spreadsheet, R or pandas. Multi-valued
// columns (principles, actors, tags) are joined with "; " so each stays one cell. Each document
// variable adds a column (its name) holding the passage's source's value.
import type { CodedPassage } from '../analysis/passages';
import type { Codebook, LibraryDocument } from '../model';
import { toCsv, type CsvValue } from './csv';
import type { DocumentVariables } from '../variables/model';

export const PASSAGE_CSV_COLUMNS = [
  'source',
  'citation',
  'page',
  'quote',
  'note',
  'principles',
  'actors',
  'tags',
  'colour',
  'created',
  'modified',
  'source_date',
  'document_id',
  'annotation_id',
  'start',
  'end',
  'file_page',
] as const;

export interface PassagesCsvInput {
  documents: readonly LibraryDocument[];
  passages: readonly CodedPassage[];
  codebook: Codebook;
  /** The in-text citation of each document, e.g. "(Smith & Doe, 2018)". */
  citations: ReadonlyMap<string, string>;
  variables?: DocumentVariables;
}

export function passagesToCsv(input: PassagesCsvInput): string {
  const documents = new Map(input.documents.map((d) => [d.id, d]));
  const principle = new Map(input.codebook.principles.map((p) => [p.id, p.name]));
  const actor = new Map(input.codebook.actors.map((a) => [a.id, a.name]));
  const variables = input.variables?.variables ?? [];
  const values = input.variables?.values ?? {};
  // A variable named like a fixed column gets a suffix, so that no two columns share a name.
  const taken = new Set<string>(PASSAGE_CSV_COLUMNS);
  const names = variables.map((v) => {
    let name = v.name;
    for (let n = 2; taken.has(name); n++) name = `${v.name} (${n})`;
    taken.add(name);
    return name;
  });
  const rows: CsvValue[][] = [[...PASSAGE_CSV_COLUMNS, ...names]];
  for (const p of input.passages) {
    const document = documents.get(p.documentId);
    if (!document) continue;
    rows.push([
      document.metadata.title,
      input.citations.get(p.documentId) ?? '',
      p.pageLabel,
      p.quote,
      p.note,
      p.principles.map((id) => principle.get(id) ?? id).join('; '),
      p.actors.map((l) => `${actor.get(l.actorId) ?? l.actorId} (${l.stance})`).join('; '),
      p.tags.join('; '),
      p.color,
      p.created,
      p.modified,
      document.metadata.date,
      p.documentId,
      p.annotationId,
      p.start,
      p.end,
      p.page,
      ...variables.map((v) => values[p.documentId]?.[v.id] ?? null),
    ]);
  }
  return toCsv(rows);
}
