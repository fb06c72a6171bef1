// Reading real reference files, entry by entry: Better BibTeX's import fixtures (real .bib files from
// bug reports), the Zotero RIS translator's test cases and JabRef's RIS test files (test-data/).
// Before, one entry citation.js did not like sank the whole file with a message about its internals.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromCslItem } from '../../../shared/interchange/csl-json';
import type { DocumentMetadata } from '../../../shared/model';
import { plainText } from './plain-text';
import type { ReferenceEntry } from './reference-entry';
import { detectReferenceFormat, readReferenceFile } from './reference-file';

const DATA = path.resolve(__dirname, '../../../test-data');
const read = (folder: string, name: string) => readFileSync(path.join(DATA, folder, name), 'utf8');

async function entriesOf(folder: string, name: string): Promise<ReferenceEntry[]> {
  return (await readReferenceFile(name, read(folder, name))).entries;
}

function metadataOf(entry: ReferenceEntry): DocumentMetadata {
  if (!('item' in entry.read)) throw new Error(`entry ${entry.key} was not read: ${entry.read.problem}`);
  const converted = fromCslItem(entry.read.item);
  if (!('metadata' in converted)) throw new Error(`entry ${entry.key}: ${converted.skipped}`);
  return converted.metadata;
}

const titles = (entries: ReferenceEntry[]) => entries.map((e) => ('item' in e.read ? e.read.item.title : null));

describe('Better BibTeX import fixtures', () => {
  const files = readdirSync(path.join(DATA, 'better-bibtex')).filter((n) => n.endsWith('.bib'));

  it.each(files)('%s: every entry is read or refused with a reason in words', async (name) => {
    const entries = await entriesOf('better-bibtex', name);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      if ('problem' in entry.read) {
        expect(entry.read.problem).not.toMatch(/convert|token|undefined|cannot read properties/i);
        expect(entry.line).toBeGreaterThan(0);
      } else {
        expect(titles([entry])[0] ?? '', `entry ${entry.key} (line ${entry.line})`).not.toMatch(/<\/?(i|b|sup|sub|span)\b|\\[a-z]+/i);
      }
    }
  });

  // Each of these was refused as a whole by citation.js ("Failed to convert bookauthor to container-author",
  // "expected label, got comma"…), losing every entry.
  it.each([
    ['BBT does not import groups from JabRef 5.1 #1641.bib', 20],
    ["Import error with character '+' in BibTeX field name #2660.bib", 283],
    ['web_page and other mendeley idiocy (first 157 lines).bib', 16],
    ['Child items that use the crossref field do not have their parent fields imported #2373.bib', 3],
    ['Dealing with base64-encoded paths from BibDesk #2374.bib', 3],
    ['Endnote should parse.bib', 1],
    ['Import from Clipboard stopped working #2377.bib', 1],
  ])('%s: all %i entries are read', async (name, count) => {
    const entries = await entriesOf('better-bibtex', name);
    expect(entries).toHaveLength(count);
    for (const entry of entries) {
      expect(entry.read).toHaveProperty('item');
      // Only an entry that has no title in the file goes without one (the APA examples of #2660 have some).
      const converted = fromCslItem((entry.read as { item: Parameters<typeof fromCslItem>[0] }).item);
      if ('skipped' in converted) expect(entryText(name, entry.line!)).not.toMatch(/^\s*title\s*=/im);
    }
  });

  /** The source of the entry starting at `line`, up to the next entry. */
  function entryText(name: string, line: number): string {
    const lines = read('better-bibtex', name).split('\n').slice(line - 1);
    const end = lines.findIndex((l, i) => i > 0 && /^\s*@/.test(l));
    return lines.slice(0, end === -1 ? undefined : end).join('\n');
  }

  it('reads an entry without a key, and says where entries are', async () => {
    const entries = await entriesOf('better-bibtex', 'web_page and other mendeley idiocy (first 157 lines).bib');
    const keyless = entries.find((e) => e.key === null)!;
    expect(keyless.line).toBe(114);
    expect(metadataOf(keyless)).toMatchObject({ title: 'Reviewers as Readers with Power', date: '2017', publication: 'Mémoires du livre' });
    expect(entries.find((e) => e.key === 'Cai2008')!.line).toBe(101);
  });

  it('gives a child entry the details of the entry it cross-references', async () => {
    const [chapter] = await entriesOf('better-bibtex', 'Child items that use the crossref field do not have their parent fields imported #2373.bib');
    expect(metadataOf(chapter!)).toMatchObject({ title: 'Lebanon', date: '2004', publication: 'Global Civil Society: Dimensions of the Nonprofit Sector', kind: 'chapter' });
  });

  it('stores titles as plain Unicode: LaTeX commands, accents, formulas and HTML markup converted', async () => {
    const [latex] = await entriesOf('better-bibtex', 'LaTeX commands in Zotero should be exported untouched #1380.bib');
    expect(metadataOf(latex!).title).toBe('LaTeX Companion');
    const [overline] = await entriesOf('better-bibtex', 'Overline during Import #1467.bib');
    expect(metadataOf(overline!).title).toBe('N-Limited Versus Ga-Limited Growth on GaN(0001\u0305) by MBE Using NH³');
    const [conniver] = await entriesOf('better-bibtex', 'Issues with round instead of curly braces do not import correctly #871.bib');
    expect(metadataOf(conniver!)).toMatchObject({ title: 'The CONNIVER Reference Manual', authors: ['Drew V. McDermott', 'Gerald J. Sussman'], date: '1972-05' });
    const [cased] = await entriesOf('better-bibtex', 'importing a title-cased bib #1246.bib');
    expect(metadataOf(cased!).title).toMatch(/^Test of markupconversion: Italics, bold, superscript, subscript, and small caps: Mitochondrial DNA₂ sequences .*\(Natrix cetti\) and do not support their species status, with notes/);
    const excerpt = await entriesOf('better-bibtex', 'Some bibtex entries quietly discarded on import from bib file #873 (excerpt).bib');
    expect(metadataOf(excerpt.find((e) => e.key === 'Levin:79')!).title).toBe('Instrumental With and the Control Relation in English');
    expect(metadataOf(excerpt.find((e) => e.key === 'Pednault:89')!).title).toBe('Adl: Exploring the middle ground between Strips and the situation calculus');
    expect(metadataOf(excerpt.find((e) => e.key === 'Thiebaux:93')!).authors[0]).toBe("Sylvie Thi{'ebaux"); // the file's own typo: "\{'e"
  });

  it('refuses only the broken entry, with its key, line and a reason in words', async () => {
    const good = read('better-bibtex', 'Overline during Import #1467.bib');
    const broken = '@article{broken2020,\n  title = {A title whose brace is never closed,\n  year = {2020}\n}\n\n';
    const text = `${broken}${good}`;
    const entries = (await readReferenceFile('mixed.bib', text)).entries;
    const refused = entries.filter((e) => 'problem' in e.read);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ key: 'broken2020', line: 1, read: { problem: expect.stringMatching(/^a “}” is missing before .*braces or quotes do not match/) } });
    expect(entries.filter((e) => 'item' in e.read)).toHaveLength(8);
  });

  it('refuses an entry whose formula is never closed, saying so', async () => {
    const entries = (await readReferenceFile('math.bib', '@article{ok, title={Fine}, year=2001}\n@article{cu2o, title={Investigation of {Cu$_2O} solar cells}, year=1980}\n')).entries;
    expect(entries[1]).toMatchObject({ key: 'cu2o', line: 2, read: { problem: expect.stringMatching(/“\$” starts a formula that is never closed/) } });
    expect(metadataOf(entries[0]!).title).toBe('Fine');
  });
});

describe('RIS files', () => {
  const expected = JSON.parse(read('zotero-translators', 'expected.json')) as { file: string; items: { title: string | null; date: string | null; creators: string[] }[] }[];

  it.each(expected)("$file: read as Zotero's translator reads it", async ({ file, items }) => {
    const entries = await entriesOf('zotero-translators', file);
    expect(entries).toHaveLength(items.length);
    entries.forEach((entry, i) => {
      const want = items[i]!;
      if (want.title === null) {
        expect(fromCslItem((entry.read as { item: never }).item)).toEqual({ skipped: 'it has no title' });
        return;
      }
      const metadata = metadataOf(entry);
      expect(metadata.title).toBe(want.title);
      expect(metadata.date?.slice(0, 4)).toBe(want.date?.slice(0, 4));
      expect(metadata.authors.map((a) => a.split(' ').pop()!.toLowerCase())).toEqual(want.creators.map((c) => c.toLowerCase()));
    });
  });

  it('recognises "TY - JOUR" with single spaces as RIS, whatever the file is called', () => {
    expect(detectReferenceFormat('export.txt', read('zotero-translators', 'RIS test case 4 (TY with single spaces).ris'))).toBe('ris');
  });

  it('takes the most precise date without mixing dates of other kinds', async () => {
    const [record] = await entriesOf('jabref', 'RisImporterTestDate1.1.ris');
    expect(metadataOf(record!)).toMatchObject({ date: '2005-07-15', doi: '10.1063/1.1954747', publication: 'The Journal of Chemical Physics' });
  });

  it('reads a partial date, a DOI written as a link and a link without scheme', async () => {
    const [record] = await entriesOf('jabref', 'RisImporterTestScience.ris');
    expect(metadataOf(record!)).toMatchObject({
      title: 'Phase separation and ω transformation in binary V-Ti and ternary V-Ti-Cr alloys',
      date: '2016-12',
      doi: '10.1016/j.actamat.2016.09.028',
      url: 'https://www.sciencedirect.com/science/article/pii/S1359645416307273',
      publication: 'Acta Materialia',
    });
  });

  it('reads a record with its year given twice (as PubMed Central writes it)', async () => {
    const twice = read('jabref', 'RisImporterTestScience.ris').replace('PY  - 2016/12//\n', 'PY  - 2016\nPY  - 2016/12/01\n');
    const [record] = (await readReferenceFile('pmc.ris', twice)).entries;
    expect(metadataOf(record!).date).toBe('2016-12-01');
  });
});

describe('CSL-JSON files', () => {
  it('reads each item on its own: a broken item is reported with its place, HTML in titles becomes text', async () => {
    const text = JSON.stringify(
      [
        { id: 'a', type: 'article-journal', title: 'Growth of GaN on <i>c</i>-plane sapphire with NH<sub>3</sub>', issued: { 'date-parts': [['2019', '4']] } },
        'not a reference',
        { id: 'c', type: 'book', title: ['An old CSL list title'] },
      ],
      null,
      2,
    );
    const entries = (await readReferenceFile('library.json', text)).entries;
    expect(metadataOf(entries[0]!)).toMatchObject({ title: 'Growth of GaN on c-plane sapphire with NH₃', date: '2019-04' });
    expect(entries[0]!.line).toBe(3);
    expect(entries[1]!.read).toEqual({ problem: 'item 2 is not a reference (it is text)' });
    expect(metadataOf(entries[2]!).title).toBe('An old CSL list title');
  });

  it('refuses a file that is not JSON, saying so', async () => {
    await expect(readReferenceFile('broken.json', '[{"id": "a",')).rejects.toThrow(/broken\.json could not be read as CSL-JSON: it is not valid JSON/);
  });
});

describe('plainText', () => {
  it('removes known markup, keeps look-alikes, and writes scripts in Unicode', () => {
    expect(plainText('The <span style="font-variant:small-caps;">Conniver</span> manual')).toBe('The Conniver manual');
    expect(plainText('Drift velocity in <110> Si nanowires, 0 < x < 0.1')).toBe('Drift velocity in <110> Si nanowires, 0 < x < 0.1');
    expect(plainText('Mn<inf>1-X</Inf>Zn<inf>x</Inf>O and x<sup>2</sup>')).toBe('Mn1-XZnxO and x²');
    expect(plainText('Tom &amp; Jerry&#8217;s <math><mi>Z</mi></math>-pinch')).toBe('Tom & Jerry’s Z-pinch');
  });
});
