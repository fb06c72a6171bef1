// Collections and document tags in exported files, where the format has a place for them:
//   BibTeX     each entry's `groups` (the collections it is in, JabRef's format, with the tree in a
//              `jabref-meta: grouping` comment JabRef and Better BibTeX read) and `keywords` (its tags);
//   RIS        KW lines (tags);   CSL-JSON   `keyword` (tags; CSL has no field for collections);
//   REFI-QDA   one Set per collection and per tag, with the exported sources in it as members.
import type { Collection, DocumentTags } from '../model';
import { collectionPath } from '../collections/tree';

export interface ExportedOrganisation {
  collections: readonly Collection[];
  tags: DocumentTags;
}

export const NO_ORGANISATION: ExportedOrganisation = { collections: [], tags: {} };

/** The collections an export mentions: those holding an exported document, and their parents. */
export function collectionsForExport(collections: readonly Collection[], documentIds: ReadonlySet<string>): Collection[] {
  const byId = new Map(collections.map((c) => [c.id, c]));
  const wanted = new Set<string>();
  for (const c of collections) {
    if (!c.documentIds.some((id) => documentIds.has(id))) continue;
    for (let at: Collection | undefined = c; at && !wanted.has(at.id); at = at.parentId ? byId.get(at.parentId) : undefined) wanted.add(at.id);
  }
  return collections.filter((c) => wanted.has(c.id));
}

/** BibTeX separates groups and keywords by commas and needs balanced braces: those characters go. */
function bibtexName(name: string): string {
  return name.replace(/[{}\\]/g, '').replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
}

/** JabRef's quoting: a backslash before the separator and before a backslash. */
function jabrefQuote(text: string): string {
  return text.replace(/[\\;]/g, (ch) => `\\${ch}`);
}

/**
 * Adds `groups` and `keywords` to the entries of a BibTeX text (keyed by citation key), and the group
 * tree as a JabRef comment at the end. Entries without collections or tags are left as they were.
 */
export function addBibtexGroups(bibtex: string, keys: ReadonlyMap<string, string>, organisation: ExportedOrganisation): string {
  const exported = new Set(keys.keys());
  const collections = collectionsForExport(organisation.collections, exported);
  const fields = new Map<string, string[]>();
  for (const [documentId, key] of keys) {
    const groups = collections.filter((c) => c.documentIds.includes(documentId)).map((c) => bibtexName(c.name)).filter(Boolean);
    const tags = organisation.tags[documentId] ?? [];
    const lines = [];
    if (groups.length) lines.push(`\tgroups = {${groups.join(', ')}},`);
    if (tags.length) lines.push(`\tkeywords = {${tags.map(bibtexName).join(', ')}},`);
    if (lines.length) fields.set(key, lines);
  }
  let out = bibtex.replace(/^(@\w+\{)([^,\n]+),\n/gm, (line: string, _start: string, key: string) => {
    const extra = fields.get(key);
    return extra ? `${line}${extra.join('\n')}\n` : line;
  });
  if (collections.length) {
    const lines = ['@Comment{jabref-meta: databaseType:bibtex;}', '', '@Comment{jabref-meta: grouping:', '0 AllEntriesGroup:;'];
    const visit = (parentId: string | null, level: number) => {
      for (const c of collections.filter((x) => x.parentId === parentId)) {
        // As JabRef writes it: an explicit group, independent of its parent (0), expanded (1), no colour,
        // icon or description; the name quoted within its line, and the line quoted within the comment.
        lines.push(`${jabrefQuote(`${level} StaticGroup:${jabrefQuote(bibtexName(c.name))};0;1;;;;`)};`);
        visit(c.id, level + 1);
      }
    };
    visit(null, 1);
    lines.push('}', '');
    out = `${out.replace(/\n*$/, '\n\n')}${lines.join('\n')}`;
  }
  return out;
}

export interface ExportSet {
  name: string;
  description: string;
  documentIds: string[];
}

/** REFI-QDA sets: one per collection (named by its path) and per document tag, with exported members only. */
export function exportSets(organisation: ExportedOrganisation, documentIds: ReadonlySet<string>): ExportSet[] {
  const sets: ExportSet[] = [];
  for (const c of collectionsForExport(organisation.collections, documentIds)) {
    const members = c.documentIds.filter((id) => documentIds.has(id));
    if (members.length) sets.push({ name: collectionPath(organisation.collections, c.id).join(' › '), description: 'A collection in Apostil.', documentIds: members });
  }
  const byTag = new Map<string, string[]>();
  for (const id of documentIds) for (const tag of organisation.tags[id] ?? []) (byTag.get(tag) ?? byTag.set(tag, []).get(tag)!).push(id);
  for (const [tag, members] of [...byTag].sort(([a], [b]) => a.localeCompare(b))) {
    sets.push({ name: `#${tag}`, description: 'A document tag in Apostil.', documentIds: members });
  }
  return sets;
}
