// Formatted text as runs (italic, bold, small caps…), so one formatted reference can be written as
// Markdown, HTML or Word alike. Reads the small, fixed HTML that citeproc-js produces.
export interface TextRun {
  text: string;
  italic?: boolean;
  bold?: boolean;
  smallCaps?: boolean;
  superscript?: boolean;
  subscript?: boolean;
}
export type RichText = TextRun[];

type Style = Omit<TextRun, 'text'>;

/** Parses citeproc-js HTML output; unknown tags are dropped, their text kept. */
export function richTextFromCiteprocHtml(html: string): RichText {
  const runs: RichText = [];
  const stack: Style[] = [{}];
  const re = /<(\/?)([a-z]+)([^>]*)>|([^<]+)/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const [, closing, tag, attributes, text] = m;
    if (text !== undefined) {
      const decoded = decodeEntities(text);
      if (decoded) pushRun(runs, { ...stack[stack.length - 1], text: decoded });
      continue;
    }
    const name = tag!.toLowerCase();
    if (name === 'br') continue;
    if (closing) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const current = { ...stack[stack.length - 1] };
    const style = (attributes ?? '').toLowerCase();
    if (name === 'i' || name === 'em' || style.includes('font-style:italic')) current.italic = true;
    if (style.includes('font-style:normal')) current.italic = false;
    if (name === 'b' || name === 'strong' || style.includes('font-weight:bold')) current.bold = true;
    if (style.includes('font-weight:normal')) current.bold = false;
    if (style.includes('small-caps')) current.smallCaps = true;
    if (name === 'sup') current.superscript = true;
    if (name === 'sub') current.subscript = true;
    stack.push(current);
  }
  // citeproc wraps entries in a div with leading spaces and a trailing newline.
  if (runs[0]) runs[0].text = runs[0].text.trimStart();
  const last = runs[runs.length - 1];
  if (last) last.text = last.text.trimEnd();
  return runs.filter((r) => r.text);
}

function pushRun(runs: RichText, run: TextRun): void {
  const previous = runs[runs.length - 1];
  const { text: _a, ...a } = run;
  if (previous) {
    const { text: _b, ...b } = previous;
    if (JSON.stringify(normalise(a)) === JSON.stringify(normalise(b))) {
      previous.text += run.text;
      return;
    }
  }
  runs.push(normalise(run));
}

function normalise<T extends Style>(style: T): T {
  const out = { ...style };
  for (const key of Object.keys(out) as (keyof T)[]) if (out[key] === false) delete out[key];
  return out;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
    }
    return NAMED[code.toLowerCase()] ?? whole;
  });
}

export function plainText(rich: RichText): string {
  return rich.map((r) => r.text).join('');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function richTextToHtml(rich: RichText): string {
  return rich
    .map((run) => {
      let html = escapeHtml(run.text);
      if (run.italic) html = `<i>${html}</i>`;
      if (run.bold) html = `<b>${html}</b>`;
      if (run.smallCaps) html = `<span class="small-caps">${html}</span>`;
      if (run.superscript) html = `<sup>${html}</sup>`;
      if (run.subscript) html = `<sub>${html}</sub>`;
      return html;
    })
    .join('');
}

/** Markdown special characters that could change the meaning of plain text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1').replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3');
}

export function richTextToMarkdown(rich: RichText): string {
  return rich
    .map((run) => {
      const text = escapeMarkdown(run.text);
      // Emphasis markers must hug the words: keep surrounding spaces outside them.
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
      if (!core) return text;
      let out = core;
      if (run.italic) out = `*${out}*`;
      if (run.bold) out = `**${out}**`;
      if (run.superscript) out = `<sup>${out}</sup>`;
      if (run.subscript) out = `<sub>${out}</sub>`;
      return lead + out + trail;
    })
    .join('');
}
