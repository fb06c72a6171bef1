// The page's first script, kept small: it signs in and asks for what the library list waits for
// (early-reads.ts, without zod or React), then loads the app (start.tsx, most of the page's code) as a
// chunk of its own, which the HTML has preloaded from the start (vite.config.ts): the reads travel
// while that chunk arrives and is parsed, instead of after.
import './app/early-reads';
import './app/theme.css';
import './app/layout.css';

import('./app/start').catch((error: unknown) => {
  // Only when the host went away between the page and its script: say so instead of a blank page.
  document.getElementById('root')!.textContent = `Apostil could not load its own code (${String(error)}). Is \`npm run web\` still running? Reload the page.`;
});
