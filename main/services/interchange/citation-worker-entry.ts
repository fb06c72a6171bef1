// The citation worker: citeproc-js builds a style's engine in seconds on a busy machine, which must
// not hold the host's event loop (every call and save would wait). See citations.ts.
import { parentPort } from 'node:worker_threads';
import { formatCitation, formatReferences } from './citeproc';
import type { CitationRequest, CitationResponse } from './citations';

const port = parentPort;
if (!port) throw new Error('citation-worker-entry.ts runs as a worker thread only.');

port.on('message', (request: CitationRequest) => {
  answer(request).then(
    (message) => port.postMessage(message),
    (error: unknown) => port.postMessage({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies CitationResponse),
  );
});

async function answer(request: CitationRequest): Promise<CitationResponse> {
  if (request.type === 'citation') {
    return { id: request.id, type: 'citation', citation: await formatCitation(request.item, request.style, request.page) };
  }
  const { order, references, citations } = await formatReferences(request.items, request.style);
  return { id: request.id, type: 'references', order, references: [...references], citations: [...citations] };
}
