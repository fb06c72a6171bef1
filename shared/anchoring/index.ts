// Text anchoring: describe a selection as selectors, and find it again in a changed text.
export { describeRange, DEFAULT_CONTEXT_LENGTH } from './describe';
export { anchor } from './anchor';
export { anchorAnnotations, anchorRegionsOnly, anchoringNote, type AnchoredAnnotation, type AnchoringReport, type OrphanedAnnotation } from './anchor-all';
export { reanchorAnnotations, type ReanchorReport } from './reanchor';
export { DEFAULT_MIN_SCORE, type AnchorMethod, type AnchorOptions, type AnchorResult } from './types';
