// The codebooks a library can start from: the Paris Call's, or nothing (a framework of one's own).
import type { Codebook } from '../model';
import { PARIS_CALL_CODEBOOK } from './paris-call';

export const CODEBOOK_TEMPLATES = ['paris-call', 'empty'] as const;
export type CodebookTemplate = (typeof CODEBOOK_TEMPLATES)[number];

export const CODEBOOK_TEMPLATE_LABELS: Record<CodebookTemplate, string> = {
  'paris-call': 'The Paris Call codebook (its nine principles and the actors writing about it names)',
  empty: 'An empty codebook, to build your own',
};

export const EMPTY_CODEBOOK: Codebook = { version: 1, principles: [], actors: [], colorByPrinciple: false };

export function templateCodebook(template: CodebookTemplate): Codebook {
  return template === 'paris-call' ? PARIS_CALL_CODEBOOK : EMPTY_CODEBOOK;
}
