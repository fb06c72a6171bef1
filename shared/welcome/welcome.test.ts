import { describe, expect, it } from 'vitest';
import { WELCOME_DOCUMENT } from './welcome';
import { PARIS_CALL_CODEBOOK, findActorMentions } from '../codebooks';

const { markdown } = WELCOME_DOCUMENT;
const lines = markdown.split('\n');

describe('the welcome document', () => {
  it('is a Markdown file named for the library', () => {
    expect(WELCOME_DOCUMENT.fileName).toBe('Welcome to Apostil.md');
    expect(lines[0]).toBe('# Welcome to Apostil');
    expect(lines.filter((l) => l.startsWith('# '))).toHaveLength(1);
  });

  it('is 300 to 600 words long', () => {
    const words = markdown.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    expect(words.length).toBeGreaterThanOrEqual(300);
    expect(words.length).toBeLessThanOrEqual(600);
  });

  it('uses only headings (h1 to h3), paragraphs, lists and block quotes', () => {
    for (const line of lines) {
      if (line.trim() === '') continue;
      // No deeper headings, code, tables, HTML, links, images or emphasis.
      expect(line, line).not.toMatch(/^#{4,}|^\s{4}|^```|^\||^<|^---|^\*\*\*/);
      expect(line, line).not.toMatch(/[`*_<[\]|]/);
      expect(line.slice(1), line).not.toContain('>');
      if (line.startsWith('#')) expect(line).toMatch(/^#{1,3} \S/);
      if (line.startsWith('>')) expect(line).toMatch(/^> \S/);
    }
  });

  it('covers the library, highlighting, the list, search, saving and the codebook', () => {
    for (const topic of [
      'Import button',
      'drag files',
      'PDF, HTML, Markdown and plain text',
      'metadata',
      'popover',
      'supports, opposes, mixed, or simply mentions',
      'tags',
      'note',
      'sidebar',
      'jump',
      'delete',
      'Ctrl+Z',
      'Cmd+Z',
      'search box',
      'double quotes',
      'plain files in your library folder',
      'Paris Call',
      'nine principles',
    ]) {
      expect(markdown, topic).toContain(topic);
    }
  });

  it('gives a passage that names actors and principles of the default codebook', () => {
    const quote = lines.filter((l) => l.startsWith('> ')).join('\n');
    const ids = new Set(findActorMentions(quote, PARIS_CALL_CODEBOOK.actors).map((m) => m.actorId));
    expect([...ids]).toEqual(expect.arrayContaining(['france', 'microsoft', 'united-states', 'russia', 'china']));
    const named = PARIS_CALL_CODEBOOK.principles.filter((p) => markdown.toLowerCase().includes(p.name.toLowerCase()));
    expect(named.map((p) => p.id)).toEqual(
      expect.arrayContaining(['protect-internet-core', 'defend-electoral-processes']),
    );
  });
});
