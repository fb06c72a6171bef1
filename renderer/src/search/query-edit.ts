// Editing the query text from the UI: facets add or remove a clause, completions replace the token
// being typed. The query text stays the single state of a search, so what a facet does is visible.

/** Whether the query has this clause as a whole token. */
export function hasClause(query: string, clause: string): boolean {
  return tokens(query).includes(clause);
}

/** Adds the clause, or removes it if it is there. */
export function toggleClause(query: string, clause: string): string {
  const list = tokens(query);
  if (list.includes(clause)) return list.filter((t) => t !== clause).join(' ');
  const base = query.trimEnd();
  return base ? `${base} ${clause}` : clause;
}

/** Replaces [from, to) with the insertion; returns the new text and where the cursor goes. */
export function applyCompletion(query: string, from: number, to: number, insert: string): { query: string; cursor: number } {
  const after = query.slice(to);
  // A field name (principle:) or a variable's name (var:country=) is followed by its value: no space.
  const spacer = /[:=]$/.test(insert) || after.startsWith(' ') ? '' : ' ';
  const next = query.slice(0, from) + insert + spacer + after;
  return { query: next, cursor: from + insert.length + spacer.length };
}

/** The query split into tokens, a quoted run counting as part of its token. */
export function tokens(query: string): string[] {
  return query.match(/(?:[^\s"]+|"[^"]*"?)+/g) ?? [];
}
