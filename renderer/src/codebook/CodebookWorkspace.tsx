// The Codebook view: principles as a tree and actors as a list, each with its count of passages; the
// selected code to describe and change, with its passages; merge, split and delete with a choice of
// what becomes of the passages; undo and redo; colour by meaning; a codebook to start from.
import { useEffect, useMemo, useState } from 'react';
import type { CodedPassage } from '../../../shared/analysis';
import type { CodebookEditInput } from '../../../shared/codebooks/edits';
import { keyboardMove, principlePath, principlesInTreeOrder } from '../../../shared/codebooks/tree';
import { useCommands } from '../commands/commands';
import { ACTOR_KINDS, ACTOR_KIND_LABELS, type ActorKind, type DocumentListing } from '../../../shared/model';
import { ActorList } from './ActorList';
import { ActorDetails, CodePassages, PrincipleDetails } from './CodeDetails';
import { DeleteCodeDialog, MergeCodeDialog, SplitCodeDialog, type CodeChoice } from './CodeDialogs';
import { CodebookFiles, StartCodebook } from './CodebookFiles';
import { useCodebook } from './codebook-context';
import { PrincipleTree } from './PrincipleTree';
import { AttachedMemos } from '../memos/AttachedMemos';
import { useCodeCounts, useCodePassages } from './usePassagesByCode';
import '../analysis/analysis.css';
import './codebook.css';

type Tab = 'principles' | 'actors';
type Dialog = 'delete' | 'merge' | 'split' | null;

interface Props {
  documents: readonly DocumentListing[];
  onOpenPassage(passage: CodedPassage): void;
}

export function CodebookWorkspace({ documents: documentList, onOpenPassage }: Props) {
  const { codebook, edit, undo, redo, history, principle, actor } = useCodebook();
  const counts = useCodeCounts();
  const [tab, setTab] = useState<Tab>('principles');
  const [chosenPrinciple, setSelectedPrinciple] = useState<string | null>(null);
  const [chosenActor, setSelectedActor] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  // The chosen code, or the first one when none is chosen or the chosen one went away (deleted, merged, undone).
  const selectedPrinciple = chosenPrinciple && principle(chosenPrinciple) ? chosenPrinciple : (codebook.principles[0]?.id ?? null);
  const selectedActor = chosenActor && actor(chosenActor) ? chosenActor : (codebook.actors[0]?.id ?? null);

  // Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (or Ctrl+Y) undo and redo codebook changes here, outside text fields.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTextField(event.target) || document.querySelector('dialog[open]')) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) void undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') void redo();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const documents = useMemo(() => new Map(documentList.map((d) => [d.id, d])), [documentList]);
  const run = async (change: CodebookEditInput, quiet = false) => (await edit(change, { quiet })) !== null;

  const isPrinciple = tab === 'principles';
  const selectedId = isPrinciple ? selectedPrinciple : selectedActor;
  const current = isPrinciple ? (selectedPrinciple ? principle(selectedPrinciple) : undefined) : selectedActor ? actor(selectedActor) : undefined;
  const kind = isPrinciple ? 'principle' : 'actor';
  const choices: CodeChoice[] = isPrinciple
    ? principlesInTreeOrder(codebook.principles)
        .filter(({ principle: p }) => p.id !== selectedId)
        .map(({ principle: p }) => ({ id: p.id, label: principlePath(codebook.principles, p.id).join(' › ') }))
    : codebook.actors.filter((a) => a.id !== selectedId).map((a) => ({ id: a.id, label: a.name }));
  const coded = useCodePassages(selectedId ? { kind, id: selectedId } : null);
  const ownPassages = coded.passages;
  const ownCount = selectedId ? counts.count(selectedId) : 0;
  const closeDialog = () => setDialog(null);

  const movePrinciple = (move: 'up' | 'down' | 'indent' | 'outdent') => {
    const place = selectedPrinciple ? keyboardMove(codebook.principles, selectedPrinciple, move) : null;
    if (selectedPrinciple && place) void run({ kind: 'principle.move', id: selectedPrinciple, ...place }, true);
  };
  const onPrinciple = isPrinciple && selectedPrinciple !== null;
  const view = 'Codebook view';
  useCommands('codebook-view', [
    { id: 'principle-up', group: view, label: 'Move the chosen principle up', keys: { key: 'ArrowUp', alt: true }, run: () => movePrinciple('up'), available: onPrinciple },
    { id: 'principle-down', group: view, label: 'Move the chosen principle down', keys: { key: 'ArrowDown', alt: true }, run: () => movePrinciple('down'), available: onPrinciple },
    { id: 'principle-indent', group: view, label: 'Nest the chosen principle in the one above', keys: { key: 'ArrowRight', alt: true }, run: () => movePrinciple('indent'), available: onPrinciple },
    { id: 'principle-outdent', group: view, label: 'Move the chosen principle out of its parent', keys: { key: 'ArrowLeft', alt: true }, run: () => movePrinciple('outdent'), available: onPrinciple },
    { id: 'code-delete', group: view, label: 'Delete the chosen code…', keys: { key: 'Delete' }, run: () => setDialog('delete'), available: Boolean(current) },
    { id: 'code-merge', group: view, label: 'Merge the chosen code into another…', keys: null, run: () => setDialog('merge'), available: Boolean(current) && choices.length > 0 },
    { id: 'code-split', group: view, label: 'Split the chosen code…', keys: null, run: () => setDialog('split'), available: Boolean(current) },
    { id: 'codebook-undo-key', group: view, label: 'Undo the last codebook change', keys: { key: 'z', mod: true }, available: history.undo !== null },
    { id: 'codebook-redo-key', group: view, label: 'Redo it', keys: { key: 'z', mod: true, shift: true }, available: history.redo !== null },
  ]);

  return (
    <div className="workspace-view codebook-view">
      <header className="workspace-head">
        <h1>Codebook</h1>
        <div className="codebook-tools" role="group" aria-label="Codebook changes">
          <button type="button" onClick={() => void undo()} disabled={!history.undo} title={history.undo ? `Undo: ${history.undo}` : 'Nothing to undo'}>
            Undo
          </button>
          <button type="button" onClick={() => void redo()} disabled={!history.redo} title={history.redo ? `Redo: ${history.redo}` : 'Nothing to redo'}>
            Redo
          </button>
          <ColorByPrincipleToggle />
          <CodebookFiles />
        </div>
      </header>
      {counts.ready && !counts.anyCoded && <StartCodebook />}
      <div className="codebook-panes">
        <section className="codebook-list" aria-label="Codes">
          <div className="view-tabs" role="tablist" aria-label="Kinds of code">
            <button type="button" role="tab" aria-selected={isPrinciple} className={isPrinciple ? 'view-tab active' : 'view-tab'} onClick={() => setTab('principles')}>
              Principles ({codebook.principles.length})
            </button>
            <button type="button" role="tab" aria-selected={!isPrinciple} className={!isPrinciple ? 'view-tab active' : 'view-tab'} onClick={() => setTab('actors')}>
              Actors ({codebook.actors.length})
            </button>
          </div>
          {isPrinciple ? (
            <>
              <AddPrinciple parentName={current && isPrinciple ? current.name : null} onAdd={async (name, inside) => {
                const result = await edit({ kind: 'principle.create', fields: { name }, parentId: inside ? selectedPrinciple : null }, { quiet: true });
                if (result?.createdId) setSelectedPrinciple(result.createdId);
                return result !== null;
              }} />
              <PrincipleTree
                principles={codebook.principles}
                selectedId={selectedPrinciple}
                count={counts.count}
                onSelect={setSelectedPrinciple}
                onMove={(id, place) => void run({ kind: 'principle.move', id, ...place }, true)}
                onDelete={(id) => (setSelectedPrinciple(id), setDialog('delete'))}
              />
              <p id="principle-tree-help" className="hint">
                Drag a principle before, after or onto another. With the keyboard: Alt+↑/↓ reorders, Alt+→ nests it in the one above, Alt+← moves it out.
              </p>
            </>
          ) : (
            <>
              <AddActor onAdd={async (name, actorKind) => {
                const result = await edit({ kind: 'actor.create', fields: { name, kind: actorKind } }, { quiet: true });
                if (result?.createdId) setSelectedActor(result.createdId);
                return result !== null;
              }} />
              <ActorList
                actors={codebook.actors}
                selectedId={selectedActor}
                count={counts.count}
                onSelect={setSelectedActor}
                onMove={(id, index) => void run({ kind: 'actor.move', id, index }, true)}
                onDelete={(id) => (setSelectedActor(id), setDialog('delete'))}
              />
            </>
          )}
        </section>
        <section className="code-details" aria-label={current ? `${kind === 'principle' ? 'Principle' : 'Actor'} “${current.name}”` : 'No code selected'}>
          {!current ? (
            <p className="empty-hint">Choose a {kind} on the left, or add one.</p>
          ) : (
            <>
              <div className="code-actions" role="group" aria-label={`Change this ${kind}`}>
                <h2 className="code-title">
                  {isPrinciple ? (principlePath(codebook.principles, current.id).length > 1 ? principlePath(codebook.principles, current.id).slice(0, -1).join(' › ') + ' ›' : 'Principle') : 'Actor'}
                </h2>
                <button type="button" onClick={() => setDialog('merge')} disabled={choices.length === 0}>
                  Merge into…
                </button>
                <button type="button" onClick={() => setDialog('split')}>
                  Split…
                </button>
                <button type="button" className="danger" onClick={() => setDialog('delete')}>
                  Delete…
                </button>
              </div>
              <AttachedMemos target={'parentId' in current ? { kind: 'principle', principleId: current.id } : { kind: 'actor', actorId: current.id }} name={current.name} />
              {'parentId' in current ? <PrincipleDetails key={current.id} principle={current} edit={(e) => run(e, true)} /> : <ActorDetails key={current.id} actor={current} edit={(e) => run(e, true)} />}
              <h2 className="code-passages-title">Passages ({ownCount})</h2>
              {coded.error && <p className="form-error">The passages could not be listed: {coded.error}</p>}
              <CodePassages passages={ownPassages} documents={documents} onOpen={onOpenPassage} />
              {coded.total > ownPassages.length && (
                <p className="hint">
                  The first {ownPassages.length} of {coded.total} are listed; the analysis shows them all.
                </p>
              )}
            </>
          )}
        </section>
      </div>
      {current && dialog === 'delete' && (
        <DeleteCodeDialog
          kind={kind}
          name={current.name}
          passages={ownCount}
          choices={choices}
          onClose={closeDialog}
          onDelete={async (how) => {
            if (await run(isPrinciple ? { kind: 'principle.delete', id: current.id, passages: how } : { kind: 'actor.delete', id: current.id, passages: how })) closeDialog();
          }}
        />
      )}
      {current && dialog === 'merge' && (
        <MergeCodeDialog
          kind={kind}
          name={current.name}
          passages={ownCount}
          choices={choices}
          onClose={closeDialog}
          onMerge={async (targetId) => {
            const ok = await run(isPrinciple ? { kind: 'principle.merge', sourceId: current.id, targetId } : { kind: 'actor.merge', sourceId: current.id, targetId });
            if (!ok) return;
            closeDialog();
            if (isPrinciple) setSelectedPrinciple(targetId);
            else setSelectedActor(targetId);
          }}
        />
      )}
      {current && dialog === 'split' && (
        <SplitCodeDialog
          kind={kind}
          name={current.name}
          passages={ownPassages}
          documents={documents}
          onClose={closeDialog}
          onSplit={async (name, annotationIds) => {
            const result = await edit(isPrinciple ? { kind: 'principle.split', id: current.id, fields: { name }, annotationIds } : { kind: 'actor.split', id: current.id, fields: { name }, annotationIds });
            if (!result) return;
            closeDialog();
            if (result.createdId) (isPrinciple ? setSelectedPrinciple : setSelectedActor)(result.createdId);
          }}
        />
      )}
    </div>
  );
}

function AddPrinciple({ parentName, onAdd }: { parentName: string | null; onAdd(name: string, inside: boolean): Promise<boolean> }) {
  const [name, setName] = useState('');
  const [inside, setInside] = useState(false);
  return (
    <form
      className="add-code"
      onSubmit={async (event) => {
        event.preventDefault();
        if (name.trim() && (await onAdd(name.trim(), inside && parentName !== null))) setName('');
      }}
    >
      <input type="text" aria-label="Name of a new principle" placeholder="New principle…" value={name} onChange={(event) => setName(event.target.value)} />
      <select aria-label="Where the new principle goes" value={inside && parentName ? 'inside' : 'top'} onChange={(event) => setInside(event.target.value === 'inside')}>
        <option value="top">at the top level</option>
        {parentName && <option value="inside">inside “{parentName}”</option>}
      </select>
      <button type="submit" disabled={!name.trim()}>
        Add
      </button>
    </form>
  );
}

function AddActor({ onAdd }: { onAdd(name: string, kind: ActorKind): Promise<boolean> }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ActorKind>('state');
  return (
    <form
      className="add-code"
      onSubmit={async (event) => {
        event.preventDefault();
        if (name.trim() && (await onAdd(name.trim(), kind))) setName('');
      }}
    >
      <input type="text" aria-label="Name of a new actor" placeholder="New actor…" value={name} onChange={(event) => setName(event.target.value)} />
      <select aria-label="Kind of the new actor" value={kind} onChange={(event) => setKind(event.target.value as ActorKind)}>
        {ACTOR_KINDS.map((k) => (
          <option key={k} value={k}>
            {ACTOR_KIND_LABELS[k]}
          </option>
        ))}
      </select>
      <button type="submit" disabled={!name.trim()}>
        Add
      </button>
    </form>
  );
}

function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'checkbox'));
}

/**
 * The library setting "colour as meaning". The box shows the choice at once, while main saves it; the
 * codebook's change event then confirms it (a refusal puts the box back).
 */
function ColorByPrincipleToggle() {
  const { codebook, edit } = useCodebook();
  const current = codebook.colorByPrinciple;
  // The choice asked for while the codebook still held `from`; once it changes, the codebook says.
  const [asked, setAsked] = useState<{ on: boolean; from: boolean } | null>(null);
  const change = async (on: boolean) => {
    setAsked({ on, from: current });
    if ((await edit({ kind: 'display', colorByPrinciple: on })) === null) setAsked(null);
  };
  return (
    <label className="toggle">
      <input type="checkbox" checked={asked && asked.from === current ? asked.on : current} onChange={(event) => void change(event.target.checked)} />
      Colour highlights by their first principle
    </label>
  );
}
