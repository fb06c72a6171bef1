// What the renderer asks of the analysis and what it gets back: one view's counts for a filter (not
// the passages: those are fetched a page at a time by selector, see select.ts).
import { z } from 'zod';
import { ACTOR_KINDS, type Codebook } from '../model';
import { AppError } from '../errors';
import { buildCoverage, type Coverage, type CoverageSource } from './coverage';
import { analysisFilterSchema } from './filter';
import { codeFrequencies, principleCoOccurrence, type CodeFrequencies, type CoOccurrence } from './frequencies';
import { buildMatrix, type PrincipleActorMatrix } from './matrix';
import { buildFramework, type FrameworkMatrix } from './framework';
import { NO_VARIABLES, type DocumentVariables } from '../variables/model';
import { idSchema } from '../schemas';
import { passageSelectorSchema } from './select';
import type { Tally } from './tally';
import { buildTimeline, type Timeline } from './timeline';
import type { CodedPassage } from './passages';

export const ANALYSIS_VIEW_NAMES = ['matrix', 'coverage', 'frequencies', 'timeline'] as const;
export type AnalysisViewName = (typeof ANALYSIS_VIEW_NAMES)[number];

export const analysisViewRequestSchema = z.strictObject({
  view: z.enum(ANALYSIS_VIEW_NAMES),
  filter: analysisFilterSchema,
  /** The matrix's actors: only these kinds (empty for all). */
  actorKinds: z.array(z.enum(ACTOR_KINDS)).max(ACTOR_KINDS.length),
  /** The timeline's buckets; null to choose by the span of dates. */
  granularity: z.enum(['year', 'month']).nullable(),
  /** The matrix's columns: this document variable's values instead of actors (a framework matrix). */
  matrixVariableId: idSchema.nullable().optional(),
});
export type AnalysisViewRequest = z.infer<typeof analysisViewRequestSchema>;

export const analysisPassagesRequestSchema = z.strictObject({
  filter: analysisFilterSchema,
  selector: passageSelectorSchema,
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500),
});
export type AnalysisPassagesRequest = z.infer<typeof analysisPassagesRequestSchema>;

export interface AnalysisPassagesPage {
  /** How many passages the selector picks in all. */
  total: number;
  /** Those from `offset`, at most `limit`, in library order. */
  passages: CodedPassage[];
}

export type AnalysisViewData =
  /** `framework`: principles × the values of the variable asked for, drawn instead of the actors. */
  | { view: 'matrix'; matrix: PrincipleActorMatrix; framework?: FrameworkMatrix }
  | { view: 'coverage'; coverage: Coverage }
  | { view: 'frequencies'; frequencies: CodeFrequencies; coOccurrence: CoOccurrence }
  | { view: 'timeline'; timeline: Timeline };

export type AnalysisCounts = AnalysisViewData & {
  /** Passages and sources the filter keeps. */
  passages: number;
  sources: number;
  /** Every tag in use in the library, for the filter's choices. */
  tags: string[];
  /** Every coder with passages in the library (null: no coder recorded), most first, for the filter's choices. */
  coders: { coder: string | null; annotations: number }[];
};

/**
 * One view from a tally. `sources` are the sources the filter keeps; the tally may count passages of
 * other sources too (the whole library's tally serves a filter by sources): only theirs are drawn
 * where sources show (coverage, timeline).
 */
export function drawView(
  request: AnalysisViewRequest,
  tally: Tally,
  sources: readonly CoverageSource[],
  codebook: Codebook,
  variables: DocumentVariables = NO_VARIABLES,
): AnalysisViewData {
  switch (request.view) {
    case 'matrix': {
      const matrix = buildMatrix(tally, codebook, { actorKinds: request.actorKinds });
      const variable = request.matrixVariableId ? variables.variables.find((v) => v.id === request.matrixVariableId) : undefined;
      if (request.matrixVariableId && !variable) throw new AppError('not-found', 'That document variable no longer exists.');
      if (!variable) return { view: 'matrix', matrix };
      return { view: 'matrix', matrix, framework: buildFramework(tally, sources.map((s) => s.id), variable, variables.values, codebook) };
    }
    case 'coverage':
      return { view: 'coverage', coverage: buildCoverage(sources, tally, codebook) };
    case 'frequencies':
      return { view: 'frequencies', frequencies: codeFrequencies(tally, codebook), coOccurrence: principleCoOccurrence(tally, codebook) };
    case 'timeline':
      return { view: 'timeline', timeline: buildTimeline(sources, tally, codebook, request.granularity ?? undefined) };
  }
}

/** Can the view be drawn from a tally of the whole library, restricted to the sources kept? */
export function drawnFromSources(request: AnalysisViewRequest): boolean {
  return request.filter.tags.length === 0 && request.filter.coders.length === 0 && (request.view === 'coverage' || request.view === 'timeline');
}
