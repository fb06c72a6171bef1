/** A readable id for a new codebook entry ("Estonia" → "estonia"), unique among `taken`. */
export function slugId(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'entry';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Every id a codebook uses: principles and actors share one space. */
export function codebookIds(codebook: { principles: readonly { id: string }[]; actors: readonly { id: string }[] }): Set<string> {
  return new Set([...codebook.principles.map((p) => p.id), ...codebook.actors.map((a) => a.id)]);
}
