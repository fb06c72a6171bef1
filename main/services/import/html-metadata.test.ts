import { describe, expect, it } from 'vitest';
import { extractDocument } from './index';
import { utf8 } from './test-helpers';

const BODY = `<body><article><h1>Heading</h1><p>${'Text of the article about the Paris Call and its principles. '.repeat(8)}</p></article></body>`;

async function metadataOf(head: string) {
  const doc = await extractDocument('page.html', utf8(`<!doctype html><html><head>${head}</head>${BODY}</html>`));
  return doc.metadata;
}

describe('html metadata', () => {
  it('reads Highwire citation_* tags first', async () => {
    const metadata = await metadataOf(`
      <title>Ignored | Journal site</title>
      <meta name="citation_title" content="Norms for Cyberspace">
      <meta name="citation_author" content="Smith, Ann">
      <meta name="citation_author" content="Bob Jones">
      <meta name="citation_publication_date" content="2019/03/07">
      <meta name="citation_journal_title" content="Journal of Cyber Policy">
      <meta name="citation_doi" content="doi:10.1080/23738871.2019.1234567">
      <meta property="og:title" content="Also ignored">`);
    expect(metadata).toEqual({
      title: 'Norms for Cyberspace',
      authors: ['Smith, Ann', 'Bob Jones'],
      date: '2019-03-07',
      publication: 'Journal of Cyber Policy',
      doi: '10.1080/23738871.2019.1234567',
      kind: 'article',
    });
  });

  it('falls back to citation_date and reads Dublin Core in either case', async () => {
    expect((await metadataOf('<meta name="citation_title" content="T"><meta name="citation_date" content="2017">')).date).toBe('2017');
    const upper = await metadataOf(`
      <meta name="DC.title" content="A Dublin Core Title">
      <meta name="DC.creator" content="Ann Smith"><meta name="DC.creator" content="Bob Jones">
      <meta name="DC.date" content="2018-11-12">`);
    expect(upper).toMatchObject({ title: 'A Dublin Core Title', authors: ['Ann Smith', 'Bob Jones'], date: '2018-11-12' });
    const lower = await metadataOf('<meta name="dc.title" content="Lower Case DC"><meta name="dc.creator" content="Carla Diaz"><meta name="dcterms.issued" content="2020-05">');
    expect(lower).toMatchObject({ title: 'Lower Case DC', authors: ['Carla Diaz'], date: '2020-05' });
  });

  it('reads Open Graph', async () => {
    const metadata = await metadataOf(`
      <meta property="og:title" content="An Open Graph Title">
      <meta property="og:site_name" content="Policy Blog">
      <meta property="og:url" content="https://blog.example/posts/paris-call">
      <meta property="og:type" content="article">
      <meta property="article:published_time" content="2021-11-10T09:00:00+01:00">
      <meta name="author" content="Dana Lee">`);
    expect(metadata).toEqual({
      title: 'An Open Graph Title',
      authors: ['Dana Lee'],
      date: '2021-11-10',
      publication: 'Policy Blog',
      url: 'https://blog.example/posts/paris-call',
      kind: 'article',
    });
    expect((await metadataOf('<meta property="og:type" content="website"><title>Home</title>')).kind).toBe('webpage');
  });

  it('uses <title> without the site suffix, and the canonical link', async () => {
    const metadata = await metadataOf(`
      <title>Why the Paris Call Matters | Policy Blog</title>
      <meta property="og:site_name" content="Policy Blog">
      <link rel="canonical" href="https://blog.example/why">
      <meta property="og:url" content="https://blog.example/other">`);
    expect(metadata).toMatchObject({ title: 'Why the Paris Call Matters', url: 'https://blog.example/why', kind: 'webpage' });
  });

  it('ignores unsafe or relative URLs and unusable values', async () => {
    const metadata = await metadataOf(`
      <title>   </title>
      <link rel="canonical" href="javascript:alert(1)">
      <meta property="og:url" content="/relative">
      <meta name="citation_publication_date" content="someday">`);
    expect(metadata.url).toBeUndefined();
    expect(metadata.date).toBeUndefined();
    expect(metadata.title).toBe('Heading'); // the first heading, as Readability or the h1 saw it
  });
});
