// The parts of the app, as tabs in the top bar: reading and annotating, finding your way in the
// library (the documents table with collections and tags), the codebook, memos, links between passages, analysing, and agreement between coders.
export type AppView = 'library' | 'documents' | 'codebook' | 'memos' | 'analysis' | 'links' | 'agreement';

export function ViewSwitch({ value, onChange }: { value: AppView; onChange(view: AppView): void }) {
  const tab = (view: AppView, label: string) => (
    <button type="button" role="tab" aria-selected={value === view} onClick={() => onChange(view)}>
      {label}
    </button>
  );
  return (
    <div className="view-switch" role="tablist" aria-label="View">
      {tab('library', 'Library & reader')}
      {tab('documents', 'Documents')}
      {tab('codebook', 'Codebook')}
      {tab('memos', 'Memos')}
      {tab('analysis', 'Analysis')}
      {tab('links', 'Links')}
      {tab('agreement', 'Agreement')}
    </div>
  );
}
