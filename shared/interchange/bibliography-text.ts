// The annotated bibliography as Markdown and as a standalone HTML page.
import { passageLinks, summaryLine, type Bibliography, type BibliographyPassage } from './bibliography';
import { memoHtml, memoMarkdownLines } from './bibliography-memos';
import { escapeHtml, escapeMarkdown, richTextToHtml, richTextToMarkdown } from './rich-text';

export function bibliographyToMarkdown(b: Bibliography): string {
  const out: string[] = [`# ${escapeMarkdown(b.title)}`, '', `*${escapeMarkdown(summaryLine(b))}*`, ''];
  for (const section of b.sections) {
    if (section.heading) {
      out.push(`## ${escapeMarkdown(section.heading)}`, '');
      if (section.description) out.push(escapeMarkdown(section.description), '');
    }
    for (const entry of section.entries) {
      out.push(richTextToMarkdown(entry.reference), '');
      for (const memo of entry.memos) out.push(...memoMarkdownLines(memo), '');
      for (const passage of entry.passages) out.push(...passageMarkdown(passage), '');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

function passageMarkdown(p: BibliographyPassage): string[] {
  const lines: string[] = [];
  const quoteLines = (p.quote || '(a region of the page)').split(/\r?\n/);
  quoteLines.forEach((line, i) => {
    const page = i === quoteLines.length - 1 && p.page !== null ? ` (p. ${p.page})` : '';
    lines.push(`> ${escapeMarkdown(line)}${page}`);
  });
  const links = passageLinks(p);
  const details: string[] = [];
  if (p.note.trim()) details.push(`**Note:** ${escapeMarkdown(p.note.trim()).replace(/\r?\n/g, '  \n')}`);
  if (links.principles) details.push(`**Principles:** ${escapeMarkdown(links.principles)}`);
  if (links.actors) details.push(`**Actors:** ${escapeMarkdown(links.actors)}`);
  if (links.tags) details.push(`**Tags:** ${escapeMarkdown(links.tags)}`);
  if (details.length) lines.push('', details.join('  \n'));
  return lines;
}

const STYLE = `
body { font: 16px/1.55 Georgia, 'Times New Roman', serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #1f2328; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; }
.summary { color: #626a73; font-style: italic; margin-top: 0; }
h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid #dedad2; }
.principle-description { color: #626a73; }
.reference { padding-left: 2em; text-indent: -2em; margin: 1.4em 0 0.6em; }
.small-caps { font-variant: small-caps; }
blockquote { margin: 0.4em 0 0.2em 2em; padding-left: 0.8em; border-left: 3px solid #dedad2; }
.page { color: #626a73; font-size: 0.9em; }
.details { margin: 0 0 0.8em 2em; font-size: 0.9em; }
.details dt { display: inline; font-weight: bold; }
.details dd { display: inline; margin: 0; }
.details dd::after { content: ''; display: block; }
.memo { margin: 0.4em 0 0.8em 2em; padding: 0.2em 0.8em; background: #f6f4ef; font-size: 0.95em; }
.memo-title { font-weight: bold; margin: 0.4em 0; }
`;

export function bibliographyToHtml(b: Bibliography): string {
  const body: string[] = [`<h1>${escapeHtml(b.title)}</h1>`, `<p class="summary">${escapeHtml(summaryLine(b))}</p>`];
  for (const section of b.sections) {
    body.push('<section>');
    if (section.heading) body.push(`<h2>${escapeHtml(section.heading)}</h2>`);
    if (section.description) body.push(`<p class="principle-description">${escapeHtml(section.description)}</p>`);
    for (const entry of section.entries) {
      body.push('<article class="entry">', `<p class="reference">${richTextToHtml(entry.reference)}</p>`);
      for (const memo of entry.memos) body.push(memoHtml(memo));
      for (const passage of entry.passages) body.push(passageHtml(passage));
      body.push('</article>');
    }
    body.push('</section>');
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(b.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function passageHtml(p: BibliographyPassage): string {
  const page = p.page !== null ? ` <span class="page">(p. ${p.page})</span>` : '';
  const quote = escapeHtml(p.quote || '(a region of the page)').replace(/\r?\n/g, '<br>');
  const links = passageLinks(p);
  const details: [string, string][] = [];
  if (p.note.trim()) details.push(['Note', escapeHtml(p.note.trim()).replace(/\r?\n/g, '<br>')]);
  if (links.principles) details.push(['Principles', escapeHtml(links.principles)]);
  if (links.actors) details.push(['Actors', escapeHtml(links.actors)]);
  if (links.tags) details.push(['Tags', escapeHtml(links.tags)]);
  const dl = details.length ? `<dl class="details">${details.map(([k, v]) => `<dt>${k}:</dt> <dd>${v}</dd>`).join('')}</dl>` : '';
  return `<blockquote>${quote}${page}</blockquote>${dl}`;
}
