// Plain HTTP requests to a host under test: whole replies, or raw bytes on a socket for what a normal
// client would not send (no Host header, a body that stops, a length it never sends).
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  raw: Buffer;
}

export function send(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string | Uint8Array },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, agent: false, path: options.path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          resolve({ status: res.statusCode!, headers: res.headers, body: raw.toString(), raw });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Writes `head` (and whatever `more` writes) on a socket; resolves with all the server sent once it closes. */
export function rawRequest(port: number, head: string, more?: (write: (text: string) => void) => void, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(head);
      more?.((chunk) => {
        if (!socket.destroyed) socket.write(chunk);
      });
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(text);
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close while we still write (it refused the body): what it said is the answer.
      if (text || error.code === 'ECONNRESET' || error.code === 'EPIPE') return;
      clearTimeout(timer);
      reject(error);
    });
  });
}
