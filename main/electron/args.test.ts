import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine, userArguments } from './args';

describe('parseCommandLine', () => {
  it('reads --library and --data-dir, resolved against the working folder', () => {
    expect(parseCommandLine(['--library', 'lib', '--data-dir=/tmp/data'], '/home/me')).toEqual({
      library: path.resolve('/home/me', 'lib'),
      dataDir: path.resolve('/tmp/data'),
    });
  });

  it('ignores Chromium switches, positionals and empty values', () => {
    expect(parseCommandLine(['--no-sandbox', '--enable-logging', 'file.pdf', '--library'], '/x')).toEqual({});
    expect(parseCommandLine([], '/x')).toEqual({});
  });
});

describe('userArguments', () => {
  it('drops the executable, and the app path in development', () => {
    expect(userArguments(['/electron', '.', '--library', 'l'], true)).toEqual(['--library', 'l']);
    expect(userArguments(['/Apostil', '--library', 'l'], false)).toEqual(['--library', 'l']);
  });
});
