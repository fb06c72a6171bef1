import { describe, expect, it } from 'vitest';
import type { Actor, ActorKind } from '../model';
import { createActorMatcher, findActorMentions, isCaseSensitiveAlias, suggestActors } from './mentions';
import { PARIS_CALL_CODEBOOK } from './paris-call';

const { actors } = PARIS_CALL_CODEBOOK;

/** The mentions as [actorId, matched] pairs, for short assertions. */
function found(text: string, list: readonly Actor[] = actors): [string, string][] {
  return findActorMentions(text, list).map((m) => [m.actorId, m.matched]);
}

const make = (id: string, name: string, aliases: string[] = [], kind: ActorKind = 'state'): Actor => ({
  id,
  name,
  kind,
  aliases,
});

describe('findActorMentions', () => {
  it('reports offsets into the original text, sorted and non-overlapping', () => {
    const text = 'Russia’s and China’s positions differ from the U.S. position.';
    const mentions = findActorMentions(text, actors);
    expect(mentions.map((m) => m.actorId)).toEqual(['russia', 'china', 'united-states']);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.matched);
    for (let i = 1; i < mentions.length; i++) expect(mentions[i]!.start).toBeGreaterThanOrEqual(mentions[i - 1]!.end);
  });

  it('tells the US from "us", USB and focus', () => {
    expect(found('Let us focus on USB sticks, as the US asked of us.')).toEqual([['united-states', 'US']]);
    expect(found('US-EU trade and non-US firms')).toEqual([
      ['united-states', 'US'],
      ['european-union', 'EU'],
      ['united-states', 'US'],
    ]);
    expect(found('USAID, AUS and BUS')).toEqual([]);
  });

  it('keeps the dots of U.S., also at the end of a sentence', () => {
    const text = 'The decision now rests with the U.S.';
    expect(findActorMentions(text, actors)).toEqual([
      { actorId: 'united-states', start: text.length - 4, end: text.length, matched: 'U.S.' },
    ]);
    expect(found('The U.S. and the U.K. agreed; the U.N.’s groups did not.')).toEqual([
      ['united-states', 'U.S.'],
      ['united-kingdom', 'U.K.'],
      ['united-nations', 'U.N.'],
    ]);
    expect(found('the U.S would stand, the U.S.A. too, and U.S.-led talks')).toEqual([
      ['united-states', 'U.S'],
      ['united-states', 'U.S.A.'],
      ['united-states', 'U.S.'],
    ]);
  });

  it('does not find a dotted abbreviation inside a longer one', () => {
    const only = [make('us', 'U.S.')];
    expect(found('U.S.A', only)).toEqual([]);
    expect(found('U.S.', only)).toEqual([['us', 'U.S.']]);
  });

  it('finds the UK, Britain and Great Britain', () => {
    expect(found('The UK, Great Britain, Britain and the uk')).toEqual([
      ['united-kingdom', 'UK'],
      ['united-kingdom', 'Great Britain'],
      ['united-kingdom', 'Britain'],
    ]);
  });

  it('counts possessives with straight and curly apostrophes', () => {
    expect(found("Microsoft's pledge, America’s woes, the UN's groups, Macron‘s call")).toEqual([
      ['microsoft', 'Microsoft'],
      ['united-states', 'America'],
      ['united-nations', 'UN'],
      ['emmanuel-macron', 'Macron'],
    ]);
  });

  it('folds apostrophes and diacritics inside names', () => {
    expect(found('the People’s Republic of China and the Quai d’Orsay')).toEqual([
      ['china', 'People’s Republic of China'],
      ['france', 'Quai d’Orsay'],
    ]);
    expect(found('the Élysée and the Elysee')).toEqual([
      ['france', 'Élysée'],
      ['france', 'Elysee'],
    ]);
    const zurich = [make('zurich', 'Zurich', [], 'sub-national')];
    expect(found('Zürich, Zurich and Zu\u0308rich', zurich)).toEqual([
      ['zurich', 'Zürich'],
      ['zurich', 'Zurich'],
      ['zurich', 'Zu\u0308rich'],
    ]);
  });

  it('matches short all-caps aliases by exact case and other names in any case after a capital', () => {
    expect(isCaseSensitiveAlias('US')).toBe(true);
    expect(isCaseSensitiveAlias('U.S.')).toBe(true);
    expect(isCaseSensitiveAlias('G20')).toBe(true);
    expect(isCaseSensitiveAlias('NATO')).toBe(true);
    expect(isCaseSensitiveAlias('UNESCO')).toBe(false);
    expect(isCaseSensitiveAlias('Iran')).toBe(false);

    expect(found('IBM, Ibm, ibm')).toEqual([['ibm', 'IBM']]);
    expect(found('the G7, the g7, the G77')).toEqual([['g7', 'G7']]);
    expect(found('CDT and cdt; IGF and igf')).toEqual([
      ['cdt', 'CDT'],
      ['igf', 'IGF'],
    ]);
    expect(found('MICROSOFT, Microsoft, MicroSoft and microsoft')).toEqual([
      ['microsoft', 'MICROSOFT'],
      ['microsoft', 'Microsoft'],
      ['microsoft', 'MicroSoft'],
    ]);
    expect(found('fine china, a meta-analysis; Meta and UNITED STATES')).toEqual([
      ['facebook', 'Meta'],
      ['united-states', 'UNITED STATES'],
    ]);
    expect(found('NATO, Nato, nato')).toEqual([
      ['nato', 'NATO'],
      ['nato', 'Nato'],
    ]);
  });

  it('lets the longest of overlapping names win', () => {
    expect(found('North Korea and Korea')).toEqual([
      ['north-korea', 'North Korea'],
      ['south-korea', 'Korea'],
    ]);
    expect(found('the Democratic People’s Republic of Korea and the Republic of Korea')).toEqual([
      ['north-korea', 'Democratic People’s Republic of Korea'],
      ['south-korea', 'Republic of Korea'],
    ]);
    expect(found('the UN Open-Ended Working Group and the UN GGE')).toEqual([
      ['un-oewg', 'UN Open-Ended Working Group'],
      ['un-gge', 'UN GGE'],
    ]);
    // The longer candidate wins even when a shorter one starts earlier.
    const press = [make('ny', 'New York', [], 'sub-national'), make('nyt', 'York Times', [], 'company')];
    expect(found('the New York Times', press)).toEqual([['nyt', 'York Times']]);
    // On a tie, the earlier one.
    const tie = [make('ab', 'Alpha Beta'), make('bg', 'Beta Gamma')];
    expect(found('Alpha Beta Gamma', tie)).toEqual([['ab', 'Alpha Beta']]);
  });

  it('tells Washington state from Washington', () => {
    expect(found('Virginia, Colorado, and Washington state signed; Washington did not.')).toEqual([
      ['virginia', 'Virginia'],
      ['colorado', 'Colorado'],
      ['washington-state', 'Washington state'],
    ]);
    expect(found('the State of Washington and Washington State')).toEqual([
      ['washington-state', 'State of Washington'],
      ['washington-state', 'Washington State'],
    ]);
  });

  it('ignores places that contain an actor name but are not that actor', () => {
    expect(found('Latin America, South America, West Virginia, Northern Ireland, the Republic of China')).toEqual([]);
    expect(found('the National Security Council and the UN Security Council')).toEqual([
      ['un-security-council', 'UN Security Council'],
    ]);
    expect(found('America and Virginia and Ireland')).toEqual([
      ['united-states', 'America'],
      ['virginia', 'Virginia'],
      ['ireland', 'Ireland'],
    ]);
  });

  it('matches across line breaks, other white space and hyphen variants', () => {
    expect(found('the United\nStates and the United\u00a0Kingdom')).toEqual([
      ['united-states', 'United\nStates'],
      ['united-kingdom', 'United\u00a0Kingdom'],
    ]);
    expect(found('Hewlett Packard, Hewlett\u2011Packard and Hewlett-\nPackard')).toEqual([
      ['hp', 'Hewlett Packard'],
      ['hp', 'Hewlett\u2011Packard'],
      ['hp', 'Hewlett-\nPackard'],
    ]);
    expect(found('Micro\u00adsoft')).toEqual([['microsoft', 'Micro\u00adsoft']]);
  });

  it('handles empty texts, empty codebooks and aliases without letters', () => {
    expect(findActorMentions('', actors)).toEqual([]);
    expect(findActorMentions('France', [])).toEqual([]);
    expect(found('a - b . c', [make('x', 'X', ['-', '.', ' '])])).toEqual([]);
    expect(found('regex (chars) [here]', [make('x', '(chars)'), make('y', 'a+b')])).toEqual([['x', '(chars)']]);
  });

  it('handles letters outside the Basic Multilingual Plane', () => {
    const astral = [make('math', '\u{1d400}BC', [], 'company'), make('fr', 'France')];
    expect(found('😀 \u{1d400}BC and France 😀', astral)).toEqual([
      ['math', '\u{1d400}BC'],
      ['fr', 'France'],
    ]);
  });

  it('sees changes to an actor list it has already compiled', () => {
    const list = [make('fr', 'France')];
    expect(found('France and Spain', list)).toEqual([['fr', 'France']]);
    list.push(make('es', 'Spain'));
    expect(found('France and Spain', list)).toEqual([
      ['fr', 'France'],
      ['es', 'Spain'],
    ]);
    list[0] = make('fr', 'France', ['French Republic']);
    expect(found('the French Republic', list)).toEqual([['fr', 'French Republic']]);
  });

  it('is fast: a hundred actors over a 10,000-word text', () => {
    const many: Actor[] = [];
    for (let i = 0; i < 100; i++) {
      many.push(make(`actor-${i}`, `Actor Number ${i}`, [`AN${i}`, `Alias ${i} Corp`, `Another Name ${i}`, `Ltd ${i}`]));
    }
    const words = ['the', 'policy', 'of', 'Actor', 'Number', 'us', 'USB', 'Alias', 'cyber', 'norms', 'and', 'Corp'];
    const parts: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      parts.push(i % 97 === 0 ? `Actor Number ${i % 100}` : i % 89 === 0 ? `AN${i % 100}’s` : (words[i % words.length] ?? ''));
    }
    const text = parts.join(' ');
    const matcher = createActorMatcher(many);
    matcher.find('warm up');
    const started = Date.now();
    const mentions = matcher.find(text);
    const elapsed = Date.now() - started;
    expect(mentions.length).toBeGreaterThan(200);
    expect(elapsed).toBeLessThan(500);
    // The whole default codebook over the same text, through the cached entry point.
    findActorMentions(text, actors);
    const again = Date.now();
    findActorMentions(text, actors);
    expect(Date.now() - again).toBeLessThan(500);
  });
});

describe('suggestActors', () => {
  it('lists the actors a passage names, by first mention, each once', () => {
    const passage =
      'Microsoft backed the Call that France launched, while the U.S. held back. Later the United States and Microsoft’s allies joined; China did not.';
    expect(suggestActors(passage, PARIS_CALL_CODEBOOK).map((a) => a.id)).toEqual([
      'microsoft',
      'france',
      'united-states',
      'china',
    ]);
  });

  it('returns the codebook actors themselves, and nothing for a passage that names none', () => {
    const [first] = suggestActors('Germany', PARIS_CALL_CODEBOOK);
    expect(first).toBe(actors.find((a) => a.id === 'germany'));
    expect(suggestActors('Nothing to see here.', PARIS_CALL_CODEBOOK)).toEqual([]);
  });
});
