// The analysis views: principle × actor matrix, coverage of principles by source, code frequencies
// with co-occurrence, and the timeline. One filter for all; every mark opens its passages, every
// view exports as CSV, SVG and PNG.
import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import {
  coOccurrenceTable,
  coverageTable,
  frameworkTable,
  frequencyTable,
  matrixTable,
  NO_FILTER,
  sortCoverage,
  timelineTable,
  type AnalysisFilter,
  type AnalysisViewName,
  type AnalysisViewRequest,
  type CodedPassage,
  type CoverageSort,
  type TimelineGranularity,
} from '../../../shared/analysis';
import { toCsv } from '../../../shared/interchange/csv';
import { ACTOR_KIND_LABELS, ACTOR_KINDS, type ActorKind, type DocumentListing } from '../../../shared/model';
import { errorMessage } from '../api/client';
import { saveFile } from '../interchange/save';
import { useNotices } from '../ui/notices';
import { pngFile, svgFile } from './chart-export';
import { CoverageChart } from './CoverageChart';
import { FilterBar } from './FilterBar';
import { FrequencyChart } from './FrequencyChart';
import { MatrixChart } from './MatrixChart';
import { PassageList } from './PassageList';
import type { Selection } from './selection';
import { TimelineChart } from './TimelineChart';
import { useAnalysisCounts } from './useAnalysisCounts';
import { scopeExists, WHOLE_LIBRARY, type LibraryScope } from '../../../shared/collections/scope-functions';
import { ScopeSelect } from '../organise/ScopeSelect';
import { useOrganisation } from '../organise/useOrganisation';
import { useVariables } from '../variables/useVariables';
import { FrameworkChart } from './FrameworkChart';
import { VariableFilter } from './VariableFilter';
import './analysis.css';

export const ANALYSIS_VIEWS: Record<AnalysisViewName, string> = {
  matrix: 'Principles × actors',
  coverage: 'Coverage by source',
  frequencies: 'Frequencies',
  timeline: 'Timeline',
};
type View = AnalysisViewName;

interface Props {
  /** The library's documents (for the filter's choices and the passages' sources). */
  documents: readonly DocumentListing[];
  onOpenPassage(passage: CodedPassage): void;
}

/** Main counts the passages and sends one view's figures; the passages behind a mark come a page at a time. */
export function AnalysisWorkspace({ documents, onOpenPassage }: Props) {
  const { notify } = useNotices();
  const [view, setView] = useState<View>('matrix');
  const [filter, setFilter] = useState<AnalysisFilter>(NO_FILTER);
  const [kinds, setKinds] = useState<ActorKind[]>([]);
  const [sort, setSort] = useState<CoverageSort>({ by: 'coded', descending: true });
  const [granularity, setGranularity] = useState<TimelineGranularity | 'auto'>('auto');
  const [selection, setSelection] = useState<Selection | null>(null);
  const organisation = useOrganisation();
  const variables = useVariables();
  const [chosenColumns, setColumns] = useState<string>('actors');
  // A variable deleted while its values are the matrix's columns: back to the actors.
  const columns = variables.status === 'ready' && variables.value.variables.some((v) => v.id === chosenColumns) ? chosenColumns : 'actors';
  const [chosenScope, setScope] = useState<LibraryScope>(WHOLE_LIBRARY);
  // A collection deleted while chosen: the whole library again, said in the select.
  const scope = organisation.status === 'ready' && scopeExists(chosenScope, organisation.value) ? chosenScope : WHOLE_LIBRARY;
  const request = useMemo<AnalysisViewRequest & { scope: LibraryScope }>(
    () => ({
      view,
      // A variable deleted while its values filter the view no longer filters it.
      filter: filter.variables && variables.status === 'ready' ? { ...filter, variables: filter.variables.filter((c) => variables.value.variables.some((v) => v.id === c.variableId)) } : filter,
      actorKinds: view === 'matrix' ? kinds : [],
      granularity: view === 'timeline' && granularity !== 'auto' ? granularity : null,
      ...(view === 'matrix' && columns !== 'actors' ? { matrixVariableId: columns } : {}),
      scope,
    }),
    [view, filter, kinds, granularity, scope, columns, variables],
  );
  const state = useAnalysisCounts(request);
  const counts = state.status === 'ready' && state.value.view === view ? state.value : null;
  const coverage = useMemo(() => (counts?.view === 'coverage' ? sortCoverage(counts.coverage, sort) : null), [counts, sort]);
  const documentsById = useMemo(() => new Map(documents.map((d) => [d.id, d])), [documents]);

  // The view reports when its figures are drawn (for bench:start).
  useEffect(() => {
    if (counts) performance.mark('apostil:analysis-drawn');
  }, [counts]);

  const select = useCallback((next: Selection) => setSelection((current) => (current?.key === next.key ? null : next)), []);

  if (state.status === 'error') return <p className="form-error">The analysis could not be built: {state.message}</p>;
  if (state.status === 'loading' && !counts) return <p className="loading">Counting the passages…</p>;

  const chart = (interactive: boolean): ReactElement | null => {
    const handlers = interactive ? { onSelect: select, selectedKey: selection?.key ?? null } : {};
    if (!counts) return <p className="loading">Counting the passages…</p>;
    switch (counts.view) {
      case 'matrix':
        return counts.framework ? <FrameworkChart framework={counts.framework} {...handlers} /> : <MatrixChart matrix={counts.matrix} {...handlers} />;
      case 'coverage':
        return <CoverageChart coverage={coverage!} sort={sort} {...handlers} {...(interactive ? { onSort: setSort } : {})} />;
      case 'frequencies':
        return <FrequencyChart frequencies={counts.frequencies} coOccurrence={counts.coOccurrence} {...handlers} />;
      case 'timeline':
        return <TimelineChart timeline={counts.timeline} {...handlers} />;
    }
  };
  const table = (): string => {
    if (!counts) return '';
    switch (counts.view) {
      case 'matrix':
        return toCsv(counts.framework ? frameworkTable(counts.framework) : matrixTable(counts.matrix));
      case 'coverage':
        return toCsv(coverageTable(coverage!));
      case 'frequencies':
        return toCsv([...frequencyTable(counts.frequencies), [], ...coOccurrenceTable(counts.coOccurrence)]);
      case 'timeline':
        return toCsv(timelineTable(counts.timeline));
    }
  };
  const columnVariable = variables.status === 'ready' ? (variables.value.variables.find((v) => v.id === columns) ?? null) : null;
  // A framework matrix's file names its variable: apostil-matrix-country-2026-12-07.csv.
  const viewName = view === 'matrix' && columnVariable ? `matrix-${fileSlug(columnVariable.name)}` : view;
  const baseName = `apostil-${viewName}-${new Date().toISOString().slice(0, 10)}`;
  const exportAs = async (kind: 'csv' | 'svg' | 'png') => {
    try {
      const drawn = chart(false);
      if (!counts || !drawn) return;
      const file =
        kind === 'csv'
          ? { fileName: `${baseName}.csv`, mimeType: 'text/csv', bytes: new TextEncoder().encode(table()) }
          : kind === 'svg'
            ? await svgFile(drawn, baseName)
            : await pngFile(drawn, baseName);
      const where = await saveFile(file);
      if (where) notify('info', `Saved to ${where}.`);
    } catch (error) {
      notify('error', `The ${kind.toUpperCase()} could not be saved: ${errorMessage(error)}`);
    }
  };

  return (
    <div className={selection ? 'analysis with-drilldown' : 'analysis'}>
      <section className="analysis-main" aria-label="Analysis">
        <header className="analysis-head">
          <nav className="view-tabs" aria-label="Analysis views">
            {(Object.keys(ANALYSIS_VIEWS) as View[]).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                className={view === v ? 'view-tab active' : 'view-tab'}
                onClick={() => {
                  setView(v);
                  setSelection(null);
                }}
              >
                {v === 'matrix' && columnVariable ? `Principles × ${columnVariable.name}` : ANALYSIS_VIEWS[v]}
              </button>
            ))}
          </nav>
          <div className="analysis-exports" role="group" aria-label="Export this view">
            <span className="hint">Export view:</span>
            <button type="button" onClick={() => void exportAs('csv')}>
              CSV
            </button>
            <button type="button" onClick={() => void exportAs('svg')}>
              SVG
            </button>
            <button type="button" onClick={() => void exportAs('png')}>
              PNG
            </button>
          </div>
        </header>
        {organisation.status === 'ready' && (
          <label className="analysis-scope">
            Sources from{' '}
            <ScopeSelect label="Analyse the sources of" scope={scope} organisation={organisation.value} onChange={(s) => (setScope(s), setSelection(null))} />
          </label>
        )}
        <FilterBar filter={filter} documents={documents} tags={counts?.tags ?? []} coders={counts?.coders ?? []} onChange={(f) => (setFilter(f), setSelection(null))} />
        {variables.status === 'ready' && (
          <div className="filter-bar" role="group" aria-label="Filter by document variables">
            <VariableFilter filter={filter} variables={variables.value} onChange={(f) => (setFilter(f), setSelection(null))} />
          </div>
        )}
        <div className="view-options">
          {view === 'matrix' && variables.status === 'ready' && variables.value.variables.length > 0 && (
            <label>
              Columns{' '}
              <select aria-label="Columns of the matrix" value={columns} onChange={(e) => (setColumns(e.target.value), setSelection(null))}>
                <option value="actors">Actors</option>
                {variables.value.variables.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {view === 'matrix' && columns === 'actors' && (
            <fieldset className="kind-filter">
              <legend>Actors</legend>
              {ACTOR_KINDS.map((kind) => (
                <label key={kind}>
                  <input
                    type="checkbox"
                    checked={kinds.length === 0 || kinds.includes(kind)}
                    onChange={() => {
                      const current = kinds.length ? kinds : [...ACTOR_KINDS];
                      const next = current.includes(kind) ? current.filter((k) => k !== kind) : [...current, kind];
                      setKinds(next.length === ACTOR_KINDS.length ? [] : next);
                      setSelection(null);
                    }}
                  />
                  {ACTOR_KIND_LABELS[kind]}
                </label>
              ))}
            </fieldset>
          )}
          {view === 'timeline' && (
            <label>
              Buckets{' '}
              <select value={granularity} onChange={(e) => setGranularity(e.target.value as TimelineGranularity | 'auto')}>
                <option value="auto">automatic</option>
                <option value="year">years</option>
                <option value="month">months</option>
              </select>
            </label>
          )}
          {counts && (
            <span className="hint">
              {counts.passages === 1 ? '1 passage' : `${counts.passages} passages`} in {counts.sources === 1 ? '1 source' : `${counts.sources} sources`}. Click a
              cell, bar or dot to see its passages.
            </span>
          )}
        </div>
        <div className="chart-scroll" data-testid="analysis-chart">
          {chart(true)}
        </div>
      </section>
      {selection && (
        <PassageList key={selection.key} title={selection.title} filter={filter} scope={scope} selector={selection.selector} documents={documentsById} onOpen={onOpenPassage} onClose={() => setSelection(null)} />
      )}
    </div>
  );
}

/** A name as part of a file name: letters and digits, the rest as single dashes ("Actor type" → "actor-type"). */
function fileSlug(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'variable';
}
