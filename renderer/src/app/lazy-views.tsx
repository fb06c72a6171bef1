// The parts of the app that the library list does not need, loaded on demand (each its own chunk), so
// the first script holds only the workbench and the list. Once the list is drawn and the page is idle,
// they are fetched ahead (preloadViews), so a tab or a document opened later does not wait for its code.
import { Suspense, type ReactNode } from 'react';
import { lazyNamed, once } from '../ui/lazy';

const loaders = {
  reader: once(() => import('../reader/ReaderView')),
  analysis: once(() => import('../analysis/AnalysisWorkspace')),
  documents: once(() => import('../organise/DocumentsView')),
  links: once(() => import('../links/LinksView')),
  codebook: once(() => import('../codebook/CodebookWorkspace')),
  memos: once(() => import('../memos/MemosWorkspace')),
  agreement: once(() => import('../agreement/AgreementView')),
  pdfMarks: once(() => import('../pdf/PdfMarksOffer')),
};

export const loadReader = loaders.reader;
export const ReaderView = lazyNamed(loaders.reader, 'ReaderView');
export const AnalysisWorkspace = lazyNamed(loaders.analysis, 'AnalysisWorkspace');
export const DocumentsView = lazyNamed(loaders.documents, 'DocumentsView');
export const LinksView = lazyNamed(loaders.links, 'LinksView');
export const CodebookWorkspace = lazyNamed(loaders.codebook, 'CodebookWorkspace');
export const MemosWorkspace = lazyNamed(loaders.memos, 'MemosWorkspace');
export const AgreementView = lazyNamed(loaders.agreement, 'AgreementView');
export const PdfMarksOffer = lazyNamed(loaders.pdfMarks, 'PdfMarksOffer');
export const findPdfMarks: (typeof import('../pdf/PdfMarksOffer'))['findPdfMarks'] = async (...args) => (await loaders.pdfMarks()).findPdfMarks(...args);

/** Fetches every view's code while the page is idle, one after another so the list keeps the CPU. */
export function preloadViews(): () => void {
  let cancelled = false;
  let idle = 0;
  const queue = Object.values(loaders);
  const next = () => {
    const load = queue.shift();
    if (!load || cancelled) return;
    idle = requestIdleCallback(() => void load().then(next, next), { timeout: 5_000 });
  };
  next();
  return () => {
    cancelled = true;
    cancelIdleCallback(idle);
  };
}

/** Where a view appears while its code loads: the same words the views use while they read their data. */
export function ViewLoading({ children, label = 'Loading…' }: { children: ReactNode; label?: string }) {
  return <Suspense fallback={<p className="loading view-loading">{label}</p>}>{children}</Suspense>;
}
