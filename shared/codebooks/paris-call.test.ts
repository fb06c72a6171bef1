import { describe, expect, it } from 'vitest';
import { codebookSchema } from '../schemas';
import { ACTOR_KINDS, type ActorKind } from '../model';
import { PARIS_CALL_CODEBOOK } from './paris-call';
import { findActorMentions } from './mentions';

const { principles, actors } = PARIS_CALL_CODEBOOK;

/** WCAG relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
/** CIE Lab, for a rough perceptual distance between two colours. */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047);
  const y = f(r * 0.2126 + g * 0.7152 + b * 0.0722);
  const z = f((r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

describe('the Paris Call codebook', () => {
  it('is a valid codebook', () => {
    const parsed = codebookSchema.safeParse(PARIS_CALL_CODEBOOK);
    expect(parsed.success, parsed.error?.message).toBe(true);
  });

  it('uses every id once, as a lower-case slug', () => {
    const ids = [...principles, ...actors].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('has the nine principles, top level, with stable ids', () => {
    expect(principles.map((p) => p.id)).toEqual([
      'protect-individuals-infrastructure',
      'protect-internet-core',
      'defend-electoral-processes',
      'defend-intellectual-property',
      'non-proliferation',
      'lifecycle-security',
      'cyber-hygiene',
      'no-private-hack-back',
      'international-norms',
    ]);
    for (const p of principles) expect(p.parentId).toBeNull();
    expect(principles.find((p) => p.id === 'no-private-hack-back')?.name).toBe('No private hack-back');
  });

  it('describes every principle in one to three sentences', () => {
    for (const p of principles) {
      expect(p.name.length, p.id).toBeLessThanOrEqual(45);
      expect(p.description.length, p.id).toBeGreaterThan(60);
      const sentences = p.description.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '');
      expect(sentences.length, p.id).toBeGreaterThanOrEqual(1);
      expect(sentences.length, p.id).toBeLessThanOrEqual(3);
      expect(p.description, p.id).toMatch(/\.$/);
    }
  });

  it('gives every principle a distinct colour that reads on white and on a dark background', () => {
    for (const p of principles) {
      expect(p.color, p.id).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrast(p.color, '#ffffff'), `${p.id} on white`).toBeGreaterThanOrEqual(3);
      expect(contrast(p.color, '#1e1e1e'), `${p.id} on dark`).toBeGreaterThanOrEqual(3);
    }
    for (let i = 0; i < principles.length; i++) {
      for (let j = i + 1; j < principles.length; j++) {
        const [a, b] = [lab(principles[i]!.color), lab(principles[j]!.color)];
        const distance = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
        expect(distance, `${principles[i]!.id} vs ${principles[j]!.id}`).toBeGreaterThan(20);
      }
    }
  });

  it('has the actors the sources name, of every kind', () => {
    const expected: Record<ActorKind, string[]> = {
      state: [
        'france',
        'united-states',
        'china',
        'russia',
        'iran',
        'north-korea',
        'united-kingdom',
        'germany',
        'malta',
        'switzerland',
        'israel',
        'japan',
        'australia',
        'canada',
      ],
      company: ['microsoft', 'google', 'facebook', 'kaspersky', 'ibm', 'hp', 'amazon', 'apple', 'yandex'],
      'civil-society': ['cdt', 'diplo', 'paris-peace-forum', 'geneva-internet-platform'],
      'international-body': [
        'un-gge',
        'un-oewg',
        'g7',
        'g20',
        'igf',
        'gcsc',
        'gfce',
        'united-nations',
        'european-union',
        'nato',
        'wsis',
        'unesco',
        'five-eyes',
      ],
      'sub-national': ['virginia', 'colorado', 'washington-state'],
      person: ['emmanuel-macron', 'kamala-harris', 'joe-biden', 'donald-trump'],
    };
    for (const kind of ACTOR_KINDS) {
      const ids = actors.filter((a) => a.kind === kind).map((a) => a.id);
      expect(ids, kind).toEqual(expect.arrayContaining(expected[kind]));
    }
  });

  it('leaves out aliases that name something else too', () => {
    const all = actors.flatMap((a) => [a.name, ...a.aliases]);
    for (const ambiguous of ['Washington', 'Paris', 'Moscow', 'Beijing', 'Harris', 'American', 'Russian', 'us', 'Us']) {
      expect(all, ambiguous).not.toContain(ambiguous);
    }
    const us = actors.find((a) => a.id === 'united-states');
    expect(us?.aliases).toEqual(expect.arrayContaining(['US', 'U.S.', 'USA', 'U.S.A.', 'United States of America', 'America']));
    const wa = actors.find((a) => a.id === 'washington-state');
    expect(wa?.aliases).toEqual(expect.arrayContaining(['Washington state', 'State of Washington']));
  });

  it('finds each name and alias, written alone, as exactly its own actor', () => {
    for (const actor of actors) {
      for (const alias of [actor.name, ...actor.aliases]) {
        const mentions = findActorMentions(alias, actors);
        expect(mentions, `${actor.id}: ${alias}`).toEqual([
          { actorId: actor.id, start: 0, end: alias.length, matched: alias },
        ]);
      }
    }
  });
});
