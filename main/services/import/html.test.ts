import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { extractDocument } from './index';
import { blockTexts, expectValidText, utf8 } from './test-helpers';

async function html(source: string, name = 'page.html') {
  const doc = await extractDocument(name, utf8(source));
  expectValidText(doc);
  expect(doc.format).toBe('html');
  return doc;
}

const LONG = 'The Paris Call sets out nine principles for a safer cyberspace, from protecting individuals to preventing the proliferation of malicious tools. ';

describe('html', () => {
  it('maps the article structure to block types', async () => {
    const doc = await html(`<!doctype html><html><head><title>Structure</title></head><body><article>
      <h1>Main   heading</h1><h2>Second</h2><h4>Fourth level</h4>
      <p>${LONG}<a href="https://example.org">linked words</a> and <em>emphasis</em>.</p>
      <ul><li>first <b>item</b></li><li><p>second item</p></li></ul>
      <blockquote><p>${LONG}</p></blockquote>
      <pre>line one
  line two</pre>
      <div>Loose text in a div.</div>
      <p>Line<br>break, then<br><br>a paragraph break.</p>
      <table><tr><th>Name</th><th>Role</th></tr><tr><td>Ann</td><td>Chair</td></tr></table>
    </article></body></html>`);
    const types = doc.text.blocks.map((b) => b.type);
    const texts = blockTexts(doc);
    expect(texts).toContain('Main heading');
    expect(types[texts.indexOf('Second')]).toBe('h2');
    expect(types[texts.indexOf('Fourth level')]).toBe('h3');
    expect(texts).toContain(`${LONG}linked words and emphasis.`);
    expect(types[texts.indexOf('first item')]).toBe('li');
    expect(types[texts.indexOf('second item')]).toBe('li');
    expect(types[texts.indexOf(LONG.trim())]).toBe('quote');
    expect(types[texts.indexOf('line one\n  line two')]).toBe('pre');
    expect(texts).toContain('Loose text in a div.');
    expect(texts).toContain('Line break, then');
    expect(texts).toContain('a paragraph break.');
    expect(texts).toContain('Name | Role');
    expect(texts).toContain('Ann | Chair');
  });

  // One paragraph: the body is walked; six: Readability's article is. Both paths must be clean.
  it.each([1, 6])('keeps the text of hostile pages and nothing active (%i paragraphs)', async (count) => {
    const doc = await html(`<html><head>
      <script>document.write('<p>INJECTED</p>')</script>
      <script src="https://evil.example/x.js"></script>
      <style>p { color: red } .secret::after { content: "STYLED" }</style>
      </head><body onload="alert('onload')"><article>
      ${`<p>${LONG}${LONG}</p>`.repeat(count)}
      <p>Safe <img src="https://evil.example/pixel.png" onerror="alert('onerror')" alt="ALT-TEXT">words.</p>
      <p><a href="javascript:alert('link')">A javascript link</a> stays as text.</p>
      <iframe src="https://evil.example/frame">FRAME-FALLBACK</iframe>
      <object data="https://evil.example/x.swf">OBJECT-FALLBACK</object><embed src="https://evil.example/e">
      <form action="https://evil.example"><label>FORM-LABEL</label><input value="INPUT-VALUE"><button>BUTTON</button></form>
      <noscript>NOSCRIPT-TEXT</noscript><template>TEMPLATE-TEXT</template>
      <svg><script>alert('svg')</script><text>SVG-TEXT</text></svg>
      <p hidden>HIDDEN-TEXT</p><p style="display:none">INVISIBLE-TEXT</p>
      <script>alert('inline')</script>
    </article></body></html>`);
    expect(doc.text.text).toContain(LONG.trim());
    expect(doc.text.text).toContain('Safe words.');
    expect(doc.text.text).toContain('A javascript link stays as text.');
    expect(doc.text.text).not.toMatch(
      /INJECTED|alert|evil|javascript:|STYLED|color|FRAME-FALLBACK|OBJECT-FALLBACK|FORM-LABEL|INPUT-VALUE|BUTTON|NOSCRIPT|TEMPLATE|SVG-TEXT|HIDDEN-TEXT|INVISIBLE-TEXT|ALT-TEXT|<|>/,
    );
  });

  it('fetches nothing: scripts, images, styles and frames pointing at a live server are never requested', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('alert(1)');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await html(`<html><head><link rel="stylesheet" href="${base}/s.css"><script src="${base}/s.js"></script>
        <base href="${base}/"></head><body><p>${LONG}</p><img src="${base}/i.png"><iframe src="${base}/f"></iframe>
        <video src="${base}/v.mp4"></video><object data="${base}/o"></object></body></html>`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('reduces a long page to its article, without navigation, sidebars and footers', async () => {
    const paragraph = (n: number) => `<p>${LONG.repeat(2)}(${n})</p>`;
    const doc = await html(`<!doctype html><html><head><title>Why the Paris Call matters - Blog</title></head><body>
      <nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li></ul></nav>
      <main><article><h1>Why the Paris Call matters</h1><p class="byline">By Ann Smith</p>
      ${paragraph(1)}<h2>The nine principles</h2>${paragraph(2)}
      <ul><li>Protect individuals and infrastructure from harm</li><li>Protect the public core of the internet</li></ul>
      ${paragraph(3)}<blockquote><p>We must work together to make cyberspace safer.</p></blockquote>${paragraph(4)}
      </article></main>
      <aside class="sidebar"><h3>Related posts</h3><ul><li><a href="/x">Other post</a></li></ul></aside>
      <footer class="footer"><p>Copyright 2024 Blog Inc. All rights reserved.</p></footer></body></html>`);
    const types = doc.text.blocks.map((b) => b.type);
    const texts = blockTexts(doc);
    expect(types[texts.indexOf('The nine principles')]).toBe('h2');
    expect(types[texts.indexOf('Protect the public core of the internet')]).toBe('li');
    expect(types[texts.indexOf('We must work together to make cyberspace safer.')]).toBe('quote');
    expect(texts.filter((t) => t.startsWith('The Paris Call sets out'))).toHaveLength(4);
    expect(doc.text.text).not.toMatch(/Home|About us|Related posts|Other post|Copyright/);
    expect(doc.metadata).toMatchObject({ title: 'Why the Paris Call matters', authors: ['Ann Smith'] });
  });

  it('falls back to the body when Readability finds no article', async () => {
    const doc = await html('<html><body><span>Just a short note.</span></body></html>');
    expect(blockTexts(doc)).toEqual(['Just a short note.']);
  });

  it('refuses a page whose only content would come from scripts', async () => {
    await expect(extractDocument('app.html', utf8('<html><body><div id="root"></div><script>render()</script></body></html>'))).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/"app.html" has no readable text.*scripts/),
    });
  });

  it('decodes a declared legacy charset without a warning, and guesses Windows-1252 otherwise', async () => {
    const declared = new Uint8Array([...utf8('<meta charset="iso-8859-1"><p>Caf'), 0xe9, ...utf8('</p>')]);
    const doc = await extractDocument('latin.html', declared);
    expect(doc.text.text).toBe('Café');
    expect(doc.warnings).toEqual([]);
    const undeclared = await extractDocument('latin.htm', new Uint8Array([...utf8('<p>Caf'), 0xe9, ...utf8('</p>')]));
    expect(undeclared.text.text).toBe('Café');
    expect(undeclared.warnings[0]).toMatch(/Windows-1252/);
  });
});
