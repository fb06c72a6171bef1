// The pure rules of memos: edits, the check of memos.json's entries, the Markdown tree (nothing in a
// memo can run or load), and following memos.changed.
import { describe, expect, it } from 'vitest';
import { checkMemos } from './check';
import { applyMemoEdit } from './edit';
import { memoMarkdown, memoPlainText } from './markdown';
import type { Memo } from './model';

const memo = (id: string, over: Partial<Memo> = {}): Memo => ({
  id,
  title: `Memo ${id}`,
  body: '',
  target: { kind: 'project' },
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('memo edits', () => {
  const context = { newId: 'new', now: '2026-02-02T00:00:00.000Z' };

  it('create, update, delete and restore, refusing what makes no sense', () => {
    const created = applyMemoEdit([], { op: 'create', title: 'T', body: 'B', target: { kind: 'actor', actorId: 'eu' } }, context);
    expect(created.memo).toEqual({ id: 'new', title: 'T', body: 'B', target: { kind: 'actor', actorId: 'eu' }, created: context.now, modified: context.now });
    const updated = applyMemoEdit([memo('a')], { op: 'update', id: 'a', title: 'New', body: 'x', target: { kind: 'project' } }, context);
    expect(updated.memos).toEqual([{ ...memo('a'), title: 'New', body: 'x', modified: context.now }]);
    expect(() => applyMemoEdit([], { op: 'update', id: 'a', title: 'New', body: 'x', target: { kind: 'project' } }, context)).toThrow(/no longer exists/);
    const deleted = applyMemoEdit([memo('a'), memo('b')], { op: 'delete', id: 'a' }, context);
    expect(deleted).toEqual({ memos: [memo('b')], memo: memo('a') });
    expect(applyMemoEdit(deleted.memos, { op: 'restore', memo: memo('a') }, context).memos).toEqual([memo('b'), memo('a')]);
    expect(() => applyMemoEdit([memo('a')], { op: 'restore', memo: memo('a') }, context)).toThrow(/already in the library/);
  });
});

describe('the check of memos.json', () => {
  it('keeps every valid memo and sets aside the rest one by one, with the reason', () => {
    const checked = checkMemos([memo('a'), { ...memo('b'), target: { kind: 'planet' } }, memo('a'), null, memo('c')]);
    expect(checked.value.map((m) => m.id)).toEqual(['a', 'c']);
    expect(checked.invalid.map((i) => i.reason)).toEqual([expect.stringContaining('target'), 'the id a is used by another memo', expect.any(String)]);
  });
});

describe('memo Markdown', () => {
  it('becomes a tree of allowed elements', () => {
    expect(memoMarkdown('# Title\n\nSome *em* and **strong**, `code`.\n\n- one\n- two\n\n3. three')).toEqual([
      { tag: 'h1', children: ['Title'] },
      { tag: 'p', children: ['Some ', { tag: 'em', children: ['em'] }, ' and ', { tag: 'strong', children: ['strong'] }, ', ', { tag: 'code', children: ['code'] }, '.'] },
      { tag: 'ul', children: [{ tag: 'li', children: ['one'] }, { tag: 'li', children: ['two'] }] },
      { tag: 'ol', start: 3, children: [{ tag: 'li', children: ['three'] }] },
    ]);
  });

  it('keeps raw HTML as text and never makes a link followable or an image loadable', () => {
    const nodes = memoMarkdown('<script>alert(1)</script>\n\nA <img src=x onerror=alert(1)> [click](javascript:alert(1)) [site](https://example.org) ![pic](https://example.org/p.png)');
    const json = JSON.stringify(nodes);
    expect(json).not.toMatch(/"tag":"(script|img)"/);
    expect(nodes[0]).toEqual({ tag: 'p', children: ['<script>alert(1)</script>'] });
    // markdown-it refuses javascript: links (they stay text); a web link keeps its address only to show.
    expect(json).toContain('[click](javascript:alert(1))');
    expect(json).toContain('{"tag":"link","children":["site"],"href":"https://example.org"}');
    // Images are not parsed: what is left is a "!" and a link that is only shown.
    expect(json).toContain('" !",{"tag":"link","children":["pic"],"href":"https://example.org/p.png"}');
  });

  it('reads as plain text for snippets and exports', () => {
    expect(memoPlainText('# Why\n\nBecause **it** matters.\n\n- a\n- b')).toBe('Why\nBecause it matters.\na\nb');
  });
});
