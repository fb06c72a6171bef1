// The analysis views: principle × actor matrix, coverage of principles by source, code frequencies
// with co-occurrence, and the timeline. One filter for all; every mark opens its passages, every
// view exports as CSV, SVG and PNG.
import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import {
  allTags,
  applyFilter,
  buildCoverage,
  buildMatrix,
  buildTimeline,
  codeFrequencies,
  coOccurrenceTable,
  coverageTable,
  frequencyTable,
  matrixTable,
  NO_FILTER,
  principleCoOccurrence,
  sortCoverage,
  timelineTable,
  type AnalysisFilter,
  type CodedPassage,
  type CoverageSort,
  type TimelineGranularity,
} from '../../../shared/analysis';
import { toCsv } from '../../../shared/export/csv';
import { ACTOR_KIND_LABELS, ACTOR_KINDS, type ActorKind } from '../../../shared/model';
import { call, errorMessage, onLibraryChange } from '../api/client';
import { useCodebook } from '../codebook/codebook-context';
import { saveFile } from '../export/save';
import { useNotices } from '../ui/notices';
import { useAsync } from '../ui/useAsync';
import { pngFile, svgFile } from './chart-export';
import { CoverageChart } from './CoverageChart';
import { FilterBar } from './FilterBar';
import { FrequencyChart } from './FrequencyChart';
import { MatrixChart } from './MatrixChart';
import { PassageList } from './PassageList';
import type { Selection } from './selection';
import { TimelineChart } from './TimelineChart';
import './analysis.css';

export const ANALYSIS_VIEWS = {
  matrix: 'Principles × actors',
  coverage: 'Coverage by source',
  frequencies: 'Frequencies',
  timeline: 'Timeline',
} as const;
type View = keyof typeof ANALYSIS_VIEWS;

interface Props {
  onOpenPassage(passage: CodedPassage): void;
}

export function AnalysisWorkspace({ onOpenPassage }: Props) {
  const { codebook } = useCodebook();
  const { notify } = useNotices();
  const [state, reload] = useAsync(() => call('analysis.data', {}), 'analysis');
  useEffect(() => onLibraryChange((change) => change.kind !== 'references.changed' && reload()), [reload]);
  const [view, setView] = useState<View>('matrix');
  const [filter, setFilter] = useState<AnalysisFilter>(NO_FILTER);
  const [kinds, setKinds] = useState<ActorKind[]>([]);
  const [sort, setSort] = useState<CoverageSort>({ by: 'coded', descending: true });
  const [granularity, setGranularity] = useState<TimelineGranularity | 'auto'>('auto');
  const [selection, setSelection] = useState<Selection | null>(null);

  const data = state.status === 'ready' ? state.value : null;
  const filtered = useMemo(() => (data ? applyFilter(data, filter) : null), [data, filter]);
  const views = useMemo(() => {
    if (!filtered) return null;
    const { documents, passages } = filtered;
    const matrix = buildMatrix(passages, codebook, { actorKinds: kinds });
    const coverage = sortCoverage(buildCoverage(documents, passages, codebook), sort);
    const frequencies = codeFrequencies(passages, codebook);
    const coOccurrence = principleCoOccurrence(passages, codebook);
    const timeline = buildTimeline(documents, passages, codebook, granularity === 'auto' ? undefined : granularity);
    return { matrix, coverage, frequencies, coOccurrence, timeline };
  }, [filtered, codebook, kinds, sort, granularity]);

  const select = useCallback((next: Selection) => setSelection((current) => (current?.key === next.key ? null : next)), []);

  if (state.status === 'loading') return <p className="loading">Counting the passages…</p>;
  if (state.status === 'error') return <p className="form-error">The analysis could not be built: {state.message}</p>;
  if (!data || !filtered || !views) return null;

  const chart = (interactive: boolean): ReactElement => {
    const handlers = interactive ? { onSelect: select, selectedKey: selection?.key ?? null } : {};
    switch (view) {
      case 'matrix':
        return <MatrixChart matrix={views.matrix} {...handlers} />;
      case 'coverage':
        return <CoverageChart coverage={views.coverage} sort={sort} {...handlers} {...(interactive ? { onSort: setSort } : {})} />;
      case 'frequencies':
        return <FrequencyChart frequencies={views.frequencies} coOccurrence={views.coOccurrence} {...handlers} />;
      case 'timeline':
        return <TimelineChart timeline={views.timeline} {...handlers} />;
    }
  };
  const table = (): string => {
    switch (view) {
      case 'matrix':
        return toCsv(matrixTable(views.matrix));
      case 'coverage':
        return toCsv(coverageTable(views.coverage));
      case 'frequencies':
        return toCsv([...frequencyTable(views.frequencies), [], ...coOccurrenceTable(views.coOccurrence)]);
      case 'timeline':
        return toCsv(timelineTable(views.timeline));
    }
  };
  const baseName = `apostil-${view}-${new Date().toISOString().slice(0, 10)}`;
  const exportAs = async (kind: 'csv' | 'svg' | 'png') => {
    try {
      const file =
        kind === 'csv'
          ? { fileName: `${baseName}.csv`, mimeType: 'text/csv', bytes: new TextEncoder().encode(table()) }
          : kind === 'svg'
            ? svgFile(chart(false), baseName)
            : await pngFile(chart(false), baseName);
      const where = await saveFile(file);
      if (where) notify('info', `Saved to ${where}.`);
    } catch (error) {
      notify('error', `The ${kind.toUpperCase()} could not be saved: ${errorMessage(error)}`);
    }
  };

  const byId = new Map(data.passages.map((p) => [p.annotationId, p]));
  const documents = new Map(data.documents.map((d) => [d.id, d]));
  const shown = selection ? selection.passageIds.map((id) => byId.get(id)).filter((p): p is CodedPassage => !!p) : [];

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
                {ANALYSIS_VIEWS[v]}
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
        <FilterBar filter={filter} documents={data.documents} tags={allTags(data.passages)} onChange={(f) => (setFilter(f), setSelection(null))} />
        <div className="view-options">
          {view === 'matrix' && (
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
          <span className="hint">
            {filtered.passages.length === 1 ? '1 passage' : `${filtered.passages.length} passages`} in{' '}
            {filtered.documents.length === 1 ? '1 source' : `${filtered.documents.length} sources`}. Click a cell, bar or dot to see its passages.
          </span>
        </div>
        <div className="chart-scroll" data-testid="analysis-chart">
          {chart(true)}
        </div>
      </section>
      {selection && (
        <PassageList title={selection.title} passages={shown} documents={documents} onOpen={onOpenPassage} onClose={() => setSelection(null)} />
      )}
    </div>
  );
}
