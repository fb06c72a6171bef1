// The Content-Security-Policy of the app's pages, in one place: Vite writes it into index.html, and
// the browser-mode host and the desktop app's protocol handler send it as a header. Nothing loads from
// the network, no inline script runs, nothing is eval'd.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** frame-ancestors is only honoured in a header, so it is added there. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
