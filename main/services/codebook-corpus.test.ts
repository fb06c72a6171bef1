// The default codebook against the five Paris Call articles in ../shared/corpus (read at test time).
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../test-support/corpus';
import { PARIS_CALL_CODEBOOK, findActorMentions, foldForMatching } from '../../shared/codebooks';
import { WELCOME_DOCUMENT } from '../../shared/welcome/welcome';

const corpus = readCorpus();
const { actors, principles } = PARIS_CALL_CODEBOOK;

/** The actors each article names, by the start of its file name. Exact: a new id here is a new finding. */
const EXPECTED: Record<string, string[]> = {
  '000_': [
    'china',
    'emmanuel-macron',
    'european-union',
    'facebook',
    'google',
    'hp',
    'ibm',
    'iran',
    'kamala-harris',
    'kaspersky',
    'microsoft',
    'russia',
    'un-oewg',
    'united-nations',
    'united-states',
  ],
  '001_': [
    'china',
    'france',
    'g20',
    'g7',
    'iran',
    'north-korea',
    'russia',
    'un-general-assembly',
    'un-gge',
    'united-nations',
    'united-states',
  ],
  '002_': [
    'cdt',
    'china',
    'colorado',
    'facebook',
    'five-eyes',
    'google',
    'iran',
    'microsoft',
    'north-korea',
    'russia',
    'un-gge',
    'united-nations',
    'united-states',
    'virginia',
    'washington-state',
  ],
  '003_': [
    'amazon',
    'apple',
    'charter-of-trust',
    'china',
    'cybersecurity-tech-accord',
    'diplo',
    'emmanuel-macron',
    'facebook',
    'france',
    'g20',
    'gcsc',
    'geneva-dialogue',
    'geneva-internet-platform',
    'germany',
    'gfce',
    'google',
    'igf',
    'kaspersky',
    'malta',
    'microsoft',
    'paris-peace-forum',
    'russia',
    'switzerland',
    'un-gge',
    'un-high-level-panel-digital-cooperation',
    'un-security-council',
    'unesco',
    'united-kingdom',
    'united-nations',
    'united-states',
    'wsis',
  ],
  '004_': [
    'china',
    'donald-trump',
    'emmanuel-macron',
    'european-union',
    'facebook',
    'france',
    'google',
    'microsoft',
    'nato',
    'russia',
    'united-states',
    'yandex',
  ],
};

function article(prefix: string): string {
  const file = corpus.find((f) => f.name.startsWith(prefix));
  if (!file) throw new Error(`no corpus file starts with ${prefix}`);
  return file.text;
}

const key = (s: string) => foldForMatching(s).toLowerCase().replace(/[\s-]+/g, ' ').replace(/\.$/, '');

describe('the Paris Call codebook over the corpus', () => {
  it('reads the five articles', () => {
    expect(corpus).toHaveLength(5);
    expect(Object.keys(EXPECTED).map((p) => corpus.some((f) => f.name.startsWith(p)))).toEqual([true, true, true, true, true]);
  });

  it.each(Object.entries(EXPECTED))('finds exactly the actors %s names', (prefix, expected) => {
    const ids = new Set(findActorMentions(article(prefix), actors).map((m) => m.actorId));
    expect([...ids].sort()).toEqual([...expected].sort());
  });

  it('reports well-formed mentions in every article, each an alias of its actor', () => {
    const aliases = new Map(actors.map((a) => [a.id, new Set([a.name, ...a.aliases].map(key))]));
    for (const { name, text } of corpus) {
      const mentions = findActorMentions(text, actors);
      expect(mentions.length, name).toBeGreaterThan(10);
      let end = 0;
      for (const m of mentions) {
        expect(m.start, name).toBeGreaterThanOrEqual(end);
        expect(m.end).toBeGreaterThan(m.start);
        expect(text.slice(m.start, m.end)).toBe(m.matched);
        expect(aliases.get(m.actorId)?.has(key(m.matched)), `${name}: ${m.matched}`).toBe(true);
        end = m.end;
      }
    }
  });

  it('reads the abbreviations the articles use', () => {
    const matched = (prefix: string, id: string) =>
      new Set(findActorMentions(article(prefix), actors).filter((m) => m.actorId === id).map((m) => m.matched));
    expect([...matched('000_', 'united-states')]).toEqual(expect.arrayContaining(['US', 'America']));
    expect([...matched('001_', 'united-states')]).toEqual(expect.arrayContaining(['United States', 'U.S.']));
    // "the U.S would stand": the final dot is missing in the source.
    expect([...matched('002_', 'united-states')]).toEqual(expect.arrayContaining(['U.S.', 'U.S', 'State Department']));
    expect([...matched('002_', 'united-nations')]).toEqual(['U.N.']);
    expect([...matched('003_', 'united-states')]).toEqual(['USA']);
    expect([...matched('000_', 'hp')]).toEqual(['Hewlett-Packard']);
    expect([...matched('000_', 'ibm')]).toEqual(['International Business Machines']);
  });

  it('finds nothing in the stray script at the end of an article', () => {
    const text = article('004_');
    const script = text.indexOf('<script');
    expect(script).toBeGreaterThan(0);
    expect(findActorMentions(text, actors).filter((m) => m.end > script)).toEqual([]);
  });

  it('does not take "us", "Paris" or a bare "Washington" for actors', () => {
    for (const { text } of corpus) {
      for (const m of findActorMentions(text, actors)) {
        expect(m.matched).not.toBe('us');
        expect(m.matched).not.toMatch(/^(Paris|Washington)$/);
      }
    }
  });

  it('describes the principles in our own words, not in the words the articles quote', () => {
    const shingles = (s: string, n: number): Set<string> => {
      const words = foldForMatching(s).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      const out = new Set<string>();
      for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
      return out;
    };
    const shared = (ours: string, n: number): string[] => {
      const sources = new Set(corpus.flatMap(({ text }) => [...shingles(text, n)]));
      return [...shingles(ours, n)].filter((s) => sources.has(s));
    };
    for (const p of principles) expect(shared(p.description, 5), p.id).toEqual([]);
    // The welcome document may name the Call and its principles; nothing else is borrowed.
    let welcome = WELCOME_DOCUMENT.markdown.replaceAll('Paris Call for Trust and Security in Cyberspace', 'Paris Call');
    for (const p of principles) welcome = welcome.replace(new RegExp(p.name, 'gi'), p.id);
    const welcomeShared = shared(welcome, 6);
    expect(welcomeShared).toEqual([]);
  });
});
