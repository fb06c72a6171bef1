// The annotated bibliography as a Word document (.docx), written with the `docx` package: real
// headings, references with a hanging indent and their italics, quotes indented beneath them. `docx` is
// loaded on the first such export, not at start (startup-imports.test.ts).
import type { Paragraph, TextRun } from 'docx';
import { passageLinks, summaryLine, type Bibliography, type BibliographyPassage } from '../../../shared/interchange/bibliography';
import type { RichText } from '../../../shared/interchange/rich-text';
import { memoParagraphs } from '../../../shared/interchange/bibliography-memos';

const INDENT = 720; // half an inch, in twentieths of a point

type Docx = typeof import('docx');

export async function bibliographyToDocx(b: Bibliography): Promise<Uint8Array> {
  const docx = await import('docx');
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = docx;
  const children: Paragraph[] = [
    new Paragraph({ text: b.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: summaryLine(b), italics: true, color: '626A73' })] }),
  ];
  for (const section of b.sections) {
    if (section.heading) children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }));
    if (section.description) children.push(new Paragraph({ children: [new TextRun({ text: section.description, color: '626A73' })] }));
    for (const entry of section.entries) {
      children.push(
        new Paragraph({
          children: runs(docx, entry.reference),
          indent: { left: INDENT, hanging: INDENT },
          spacing: { before: 240, after: 80 },
          keepNext: entry.passages.length + entry.memos.length > 0,
        }),
      );
      for (const memo of entry.memos) {
        children.push(new Paragraph({ children: [new TextRun({ text: `Memo: ${memo.title}`, bold: true })], indent: { left: INDENT }, spacing: { after: 40 }, keepNext: true }));
        for (const line of memoParagraphs(memo)) children.push(new Paragraph({ text: line, indent: { left: INDENT }, spacing: { after: 40 } }));
      }
      for (const passage of entry.passages) children.push(...passageParagraphs(docx, passage));
    }
  }
  const document = new Document({
    creator: 'Apostil',
    title: b.title,
    description: summaryLine(b),
    styles: { default: { document: { run: { font: 'Georgia', size: 22 } } } },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

function runs({ TextRun }: Docx, rich: RichText): TextRun[] {
  return rich.map(
    (run) =>
      new TextRun({
        text: run.text,
        italics: run.italic,
        bold: run.bold,
        smallCaps: run.smallCaps,
        superScript: run.superscript,
        subScript: run.subscript,
      }),
  );
}

function passageParagraphs({ AlignmentType, Paragraph, TextRun }: Docx, p: BibliographyPassage): Paragraph[] {
  const quote = new Paragraph({
    children: [
      new TextRun({ text: `“${p.quote || 'a region of the page'}”`, italics: !p.quote }),
      ...(p.page !== null ? [new TextRun({ text: ` (p. ${p.page})`, color: '626A73' })] : []),
    ],
    indent: { left: INDENT * 2 },
    spacing: { after: 60 },
    alignment: AlignmentType.LEFT,
  });
  const links = passageLinks(p);
  const details: [string, string][] = [];
  if (p.note.trim()) details.push(['Note', p.note.trim()]);
  if (links.principles) details.push(['Principles', links.principles]);
  if (links.actors) details.push(['Actors', links.actors]);
  if (links.tags) details.push(['Tags', links.tags]);
  const detailParagraphs = details.map(
    ([label, value]) =>
      new Paragraph({
        children: [new TextRun({ text: `${label}: `, bold: true, size: 20 }), new TextRun({ text: value, size: 20 })],
        indent: { left: INDENT * 2 },
        spacing: { after: 40 },
      }),
  );
  return [quote, ...detailParagraphs];
}
