// Made-up prose for the tests: deterministic, English-like, as long as needed. Not part of the API.

const WORDS = (
  'the of and to in a is that for it as with be on by this are or from at which an not have all ' +
  'states parties shall agree cooperation security network systems public private sector actors ' +
  'principle protect critical infrastructure information measures international community norms ' +
  'responsible behaviour cyberspace capacity building trust confidence report review commitment ' +
  'governments companies civil society research access rights openness stability peace conflict ' +
  'response incident vulnerability disclosure supply chain integrity election process hygiene ' +
  'offensive operations harm citizens data flows global standards dialogue framework support'
).split(' ');

/** A seeded pseudo-random generator (mulberry32), so every run sees the same text. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sentences of 6–18 words, paragraphs of 3–6 sentences separated by blank lines. */
export function proseText(seed: number, minLength: number): string {
  const next = random(seed);
  const pick = (): string => WORDS[Math.floor(next() * WORDS.length)];
  const paragraphs: string[] = [];
  let length = 0;
  while (length < minLength) {
    const sentences: string[] = [];
    const count = 3 + Math.floor(next() * 4);
    for (let s = 0; s < count; s += 1) {
      const words = Array.from({ length: 6 + Math.floor(next() * 13) }, pick);
      words[0] = words[0].charAt(0).toUpperCase() + words[0].slice(1);
      sentences.push(`${words.join(' ')}.`);
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}
