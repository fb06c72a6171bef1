// Agreement between two coders: choose the coders and the documents (the whole library or a
// collection), and see per principle and overall the percentage agreement and Cohen's kappa over
// characters, with the passages where they disagree, each opening in the reader.
import { useEffect, useState } from 'react';
import type { AgreementFigures, AgreementReport } from '../../../shared/agreement';
import type { LibraryScope } from '../../../shared/collections/scope';
import type { Collection } from '../../../shared/model';
import { call, errorMessage } from '../api/client';
import { LabelledSelect } from '../ui/LabelledSelect';
import './agreement.css';

interface Props {
  collections: readonly Collection[];
  onOpen(passage: { documentId: string; start: number; end: number }): void;
}

export function AgreementView({ collections, onOpen }: Props) {
  const [coders, setCoders] = useState<string[] | null>(null);
  const [coderA, setCoderA] = useState('');
  const [coderB, setCoderB] = useState('');
  const [scope, setScope] = useState('library');
  const [report, setReport] = useState<AgreementReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    call('coders.list', {}).then(
      ({ me, coders: list }) => {
        const names = list.map((c) => c.coder).filter((c): c is string => c !== null);
        setCoders(names);
        const first = me && names.includes(me) ? me : (names[0] ?? '');
        setCoderA(first);
        setCoderB(names.find((n) => n !== first) ?? '');
      },
      (error: unknown) => setProblem(`The coders could not be read: ${errorMessage(error)}`),
    );
  }, []);

  const compute = async () => {
    setWorking(true);
    setProblem(null);
    try {
      const chosen: LibraryScope = scope === 'library' ? { kind: 'library' } : { kind: 'collection', collectionId: scope };
      setReport(await call('agreement.compute', { coderA, coderB, documentIds: null, scope: chosen }));
    } catch (error) {
      setReport(null);
      setProblem(errorMessage(error));
    } finally {
      setWorking(false);
    }
  };

  if (coders === null) return <p className="loading">{problem ?? 'Reading the coders…'}</p>;
  return (
    <main className="agreement-view" aria-label="Agreement between coders">
      <h1>Agreement between coders</h1>
      {coders.length < 2 ? (
        <p className="hint">
          Agreement needs highlights by two coders. Each installation records its coder (the Coder menu at the top); highlights
          made elsewhere arrive by import or sync. {coders.length === 1 ? `So far only ${coders[0]} has coded.` : 'No coder is recorded yet.'}
        </p>
      ) : (
        <form
          className="agreement-form"
          onSubmit={(e) => {
            e.preventDefault();
            void compute();
          }}
        >
          <LabelledSelect label="Coder A" choices={coders} value={coderA} onChange={setCoderA} />
          <LabelledSelect label="Coder B" choices={coders} value={coderB} onChange={setCoderB} />
          <label>
            Documents
            <select value={scope} onChange={(e) => setScope(e.target.value)}>
              <option value="library">The whole library</option>
              {collections.map((c) => (
                <option key={c.id} value={c.id}>
                  Collection: {c.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={working || coderA === coderB}>
            {working ? 'Comparing…' : 'Compare'}
          </button>
          {coderA === coderB && <span className="hint">Choose two different coders.</span>}
        </form>
      )}
      {problem && <p className="form-error">{problem}</p>}
      {report && <AgreementResult report={report} onOpen={onOpen} />}
    </main>
  );
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const kappa = (f: AgreementFigures) => (f.kappa === null ? '—' : f.kappa.toFixed(3));

function AgreementResult({ report, onOpen }: { report: AgreementReport; onOpen: Props['onOpen'] }) {
  const names = new Map(report.principles.map((p) => [p.principleId, p.name]));
  const who = (codedBy: 'A' | 'B') => (codedBy === 'A' ? report.coderA : report.coderB);
  return (
    <section className="agreement-result" aria-label="Agreement figures">
      <p className="agreement-summary">
        {report.coderA} and {report.coderB} over {report.documents === 1 ? '1 document' : `${report.documents} documents`}:{' '}
        <strong data-testid="overall-agreement">{percent(report.overall.agreement)}</strong> agreement, Cohen’s kappa{' '}
        <strong data-testid="overall-kappa">{kappa(report.overall)}</strong>.
      </p>
      <p className="hint">
        Counted over characters: for each principle, every character of each document is coded or not by each coder (as MAXQDA,
        NVivo and QualCoder count). Kappa is “—” where it is undefined (neither coder used the principle, or both coded everything).
        {report.codedByOneOnly > 0 && ` ${report.codedByOneOnly} of these documents were coded by only one of the two.`}
        {report.regionsLeftOut > 0 && ` ${report.regionsLeftOut} regions of PDF pages have no text and are left out.`}
      </p>
      {report.principles.length === 0 ? (
        <p className="hint">Neither coder linked a passage of these documents to a principle.</p>
      ) : (
        <table className="agreement-table">
          <thead>
            <tr>
              <th scope="col">Principle</th>
              <th scope="col">Both coded</th>
              <th scope="col">Only {report.coderA}</th>
              <th scope="col">Only {report.coderB}</th>
              <th scope="col">Agreement</th>
              <th scope="col">Kappa</th>
            </tr>
          </thead>
          <tbody>
            {report.principles.map((p) => (
              <tr key={p.principleId}>
                <th scope="row">{p.name}</th>
                <td>{p.both.toLocaleString()}</td>
                <td>{p.onlyA.toLocaleString()}</td>
                <td>{p.onlyB.toLocaleString()}</td>
                <td>{percent(p.agreement)}</td>
                <td>{kappa(p)}</td>
              </tr>
            ))}
            <tr className="overall">
              <th scope="row">All principles</th>
              <td>{report.overall.both.toLocaleString()}</td>
              <td>{report.overall.onlyA.toLocaleString()}</td>
              <td>{report.overall.onlyB.toLocaleString()}</td>
              <td>{percent(report.overall.agreement)}</td>
              <td>{kappa(report.overall)}</td>
            </tr>
          </tbody>
        </table>
      )}
      <h2>
        Where they disagree <span className="count">{report.disagreementsTotal}</span>
      </h2>
      {report.disagreementsTotal > report.disagreements.length && <p className="hint">The first {report.disagreements.length} are listed.</p>}
      <ul className="disagreements">
        {report.disagreements.map((d) => (
          <li key={`${d.documentId}/${d.principleId}/${d.start}/${d.codedBy}`}>
            <button type="button" onClick={() => onOpen(d)} aria-label={`Open in the reader: ${d.documentTitle}, ${names.get(d.principleId) ?? d.principleId}, coded only by ${who(d.codedBy)}`}>
              <span className="disagreement-who">
                {names.get(d.principleId) ?? d.principleId}: only {who(d.codedBy)}
              </span>
              <q>{d.quote}{d.end - d.start > d.quote.length ? '…' : ''}</q>
              <span className="disagreement-source">{d.documentTitle}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
