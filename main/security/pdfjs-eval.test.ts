// pdf.js must never be opened with eval enabled (the class of bug behind CVE-2024-4367). This scans
// every source file of the app, main and renderer alike, for getDocument(...) calls and checks that
// each passes `isEvalSupported: false` where a reader can see it: in the object literal itself, or in
// a const object literal of the same file that the call passes or spreads.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../test-support/corpus';

const ROOTS = ['main', 'renderer/src', 'shared'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The const object literals declared in a file, by name. */
function constObjects(file: ts.SourceFile): Map<string, ts.ObjectLiteralExpression> {
  const found = new Map<string, ts.ObjectLiteralExpression>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      let init: ts.Expression = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (ts.isObjectLiteralExpression(init)) found.set(node.name.text, init);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Whether an options expression visibly sets isEvalSupported: false. */
function disablesEval(expr: ts.Expression | undefined, objects: Map<string, ts.ObjectLiteralExpression>, depth = 0): boolean {
  if (!expr || depth > 5) return false;
  while (ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isParenthesizedExpression(expr)) expr = expr.expression;
  if (ts.isIdentifier(expr)) return disablesEval(objects.get(expr.text), objects, depth + 1);
  if (!ts.isObjectLiteralExpression(expr)) return false;
  let disabled = false;
  for (const property of expr.properties) {
    if (ts.isPropertyAssignment(property) && property.name.getText() === 'isEvalSupported') {
      disabled = property.initializer.kind === ts.SyntaxKind.FalseKeyword;
    } else if (ts.isSpreadAssignment(property) && disablesEval(property.expression, objects, depth + 1)) {
      disabled = true;
    } else if (ts.isShorthandPropertyAssignment(property) && property.name.text === 'isEvalSupported') {
      disabled = false; // a variable: not visibly false
    }
  }
  return disabled;
}

interface CallSite {
  where: string;
  safe: boolean;
}

export function getDocumentCallSites(files: string[]): CallSite[] {
  const sites: CallSite[] = [];
  for (const fileName of files) {
    const text = readFileSync(fileName, 'utf8');
    // Only files that deal with pdf.js (the library store has a getDocument of its own).
    if (!text.includes('getDocument') || !/pdfjs|pdf\.js/i.test(text)) continue;
    const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
    const objects = constObjects(file);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
        if (name === 'getDocument') {
          const { line } = file.getLineAndCharacterOfPosition(node.getStart());
          sites.push({ where: `${path.relative(repoRoot, fileName)}:${line + 1}`, safe: disablesEval(node.arguments[0], objects) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return sites;
}

describe('pdf.js is opened with eval disabled everywhere', () => {
  it('every getDocument call passes isEvalSupported: false', () => {
    const sites = getDocumentCallSites(ROOTS.flatMap((root) => sourceFiles(path.join(repoRoot, root))));
    expect(sites.length, 'the importer opens PDFs with pdf.js').toBeGreaterThan(0);
    expect(sites.filter((site) => !site.safe).map((site) => site.where)).toEqual([]);
  });

  it('recognises an unsafe call (so the check above can fail)', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const dir = await mkdtemp(path.join((await import('node:os')).tmpdir(), 'apostil-pdfscan-'));
    try {
      const cases: Record<string, boolean> = {
        'literal.ts': true,
        'spread.ts': true,
        'missing.ts': false,
        'true.ts': false,
        'opaque.ts': false,
      };
      await writeFile(path.join(dir, 'literal.ts'), 'pdfjs.getDocument({ data, isEvalSupported: false });');
      await writeFile(path.join(dir, 'spread.ts'), "import { getDocument } from 'pdfjs-dist';\nconst BASE = { isEvalSupported: false } as const;\ngetDocument({ ...BASE, data });");
      await writeFile(path.join(dir, 'missing.ts'), 'pdfjs.getDocument({ data });');
      await writeFile(path.join(dir, 'true.ts'), 'pdfjs.getDocument({ data, isEvalSupported: true });');
      await writeFile(path.join(dir, 'opaque.ts'), 'pdfjs.getDocument(makeOptions());');
      for (const [name, safe] of Object.entries(cases)) {
        expect(getDocumentCallSites([path.join(dir, name)]).map((s) => s.safe), name).toEqual([safe]);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
