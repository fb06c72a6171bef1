// Annotations as W3C Web Annotation JSON-LD (an AnnotationCollection). Standard vocabulary wherever
// it has a term (quote and position selectors, commenting and tagging bodies, the target's styleClass
// for the colour); Apostil's own terms (principles, actors with stance, PDF areas) are in the apostil: namespace,
// so another tool keeps what it understands and Apostil gets everything back.
import type { PassageLink } from '../links/model';
import type { Annotation, Codebook, LibraryDocument, Selector } from '../model';

export const APOSTIL_NS = 'urn:apostil:ns:';
export const W3C_CONTEXT = ['http://www.w3.org/ns/anno.jsonld', { apostil: APOSTIL_NS }] as const;

export const ANNOTATION_IRI = 'urn:apostil:annotation:';
export const LINK_IRI = 'urn:apostil:link:';
export const PRINCIPLE_IRI = 'urn:apostil:principle:';
export const ACTOR_IRI = 'urn:apostil:actor:';
export const SHA256_IRI = 'urn:sha256:';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface W3cExportInput {
  documents: readonly LibraryDocument[];
  annotations: readonly Annotation[];
  codebook: Codebook;
  generatedAt: string;
  /** Links between passages: those whose two highlights are both exported are written as `linking` annotations. */
  links?: readonly PassageLink[];
  /** Per annotation of a PDF: its page in the file (from 1) and that page's printed label. */
  pages?: ReadonlyMap<string, { page: number; label: string }>;
}

/** RFC 3778's PDF fragments (`page=12`): the Web Annotation model's way to name a page of a PDF. */
export const PDF_FRAGMENT_SPEC = 'http://tools.ietf.org/rfc/rfc3778';

export function annotationsToW3c(input: W3cExportInput): string {
  const documents = new Map(input.documents.map((d) => [d.id, d]));
  const items = input.annotations.flatMap((a) => {
    const document = documents.get(a.documentId);
    return document ? [annotationToW3c(a, document, input.codebook, input.pages?.get(a.id))] : [];
  });
  const exported = new Set(input.annotations.filter((a) => documents.has(a.documentId)).map((a) => a.id));
  for (const link of input.links ?? []) {
    if (!link.detached && exported.has(link.from.annotationId) && exported.has(link.to.annotationId)) items.push(linkToW3c(link));
  }
  const collection = {
    '@context': W3C_CONTEXT as unknown as Json,
    type: 'AnnotationCollection',
    label: 'Annotations exported from Apostil',
    total: items.length,
    generator: { type: 'Software', name: 'Apostil' },
    generated: input.generatedAt,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
  return JSON.stringify(collection, null, 2) + '\n';
}

export function documentSource(document: LibraryDocument): Json {
  const source: Record<string, Json> = {
    id: SHA256_IRI + document.contentHash,
    type: 'Text',
    format: FORMAT_MIME[document.format],
    'dc:title': document.metadata.title,
    'apostil:fileName': document.originalName,
  };
  if (document.metadata.url) source['apostil:url'] = document.metadata.url;
  if (document.metadata.doi) source['apostil:doi'] = document.metadata.doi;
  return source;
}

const FORMAT_MIME: Record<LibraryDocument['format'], string> = {
  pdf: 'application/pdf',
  html: 'text/html',
  markdown: 'text/markdown',
  text: 'text/plain',
};

function annotationToW3c(a: Annotation, document: LibraryDocument, codebook: Codebook, page?: { page: number; label: string }): Json {
  const body: Json[] = [];
  if (a.body.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: a.body.note, format: 'text/plain' });
  for (const tag of a.body.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  for (const id of a.body.principles) {
    const principle = codebook.principles.find((p) => p.id === id);
    body.push({ type: 'SpecificResource', purpose: 'classifying', source: { id: PRINCIPLE_IRI + id, label: principle?.name ?? id } });
  }
  for (const link of a.body.actors) {
    const actor = codebook.actors.find((x) => x.id === link.actorId);
    const source: Record<string, Json> = { id: ACTOR_IRI + link.actorId, label: actor?.name ?? link.actorId };
    if (actor) source['apostil:actorKind'] = actor.kind;
    body.push({ type: 'SpecificResource', purpose: 'identifying', source, 'apostil:stance': link.stance });
  }
  return {
    id: ANNOTATION_IRI + a.id,
    type: 'Annotation',
    motivation: a.body.note ? 'commenting' : 'highlighting',
    created: a.created,
    modified: a.modified,
    ...(a.author ? { creator: { type: 'Person', name: a.author } } : {}),
    body,
    target: {
      type: 'SpecificResource',
      source: documentSource(document),
      // The page beside the text selectors (which count in the whole text, so they stay usable alone),
      // and its printed label ("xii", "215"), which the standard has no term for.
      selector: [
        ...a.target.selector.map(selectorToW3c),
        ...(page ? [{ type: 'FragmentSelector', conformsTo: PDF_FRAGMENT_SPEC, value: `page=${page.page}` }] : []),
      ],
      ...(page ? { 'apostil:pageLabel': page.label } : {}),
      // The model's term is styleClass, on the SpecificResource (earlier versions wrote "stylesClass").
      styleClass: `apostil-${a.body.color}`,
    },
  };
}

/**
 * A link between passages as a W3C annotation with the `linking` motivation: its body is the highlight
 * the link goes from, its target the highlight it goes to ("body <relation> target"); the relation is
 * a tagging body and the note a commenting one, and both are also under apostil: terms.
 */
export function linkToW3c(link: PassageLink): Json {
  const body: Json[] = [{ id: ANNOTATION_IRI + link.from.annotationId, type: 'SpecificResource' }];
  body.push({ type: 'TextualBody', purpose: 'tagging', value: link.relation });
  if (link.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: link.note, format: 'text/plain' });
  return {
    id: LINK_IRI + link.id,
    type: 'Annotation',
    motivation: 'linking',
    created: link.created,
    modified: link.modified,
    body,
    target: { id: ANNOTATION_IRI + link.to.annotationId, type: 'SpecificResource' },
    'apostil:relation': link.relation,
    ...(link.note ? { 'apostil:note': link.note } : {}),
  };
}

function selectorToW3c(s: Selector): Json {
  switch (s.type) {
    case 'TextQuoteSelector':
      return { type: 'TextQuoteSelector', exact: s.exact, prefix: s.prefix, suffix: s.suffix };
    case 'TextPositionSelector':
      return { type: 'TextPositionSelector', start: s.start, end: s.end };
    case 'PdfAreaSelector':
      return { type: 'apostil:PdfAreaSelector', 'apostil:areas': s.areas as unknown as Json };
  }
}
