import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import { describeOpenError, openLibraryWithRecovery, type LibraryProblem } from './open-library';

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe('openLibraryWithRecovery', () => {
  it('opens the library when it can', async () => {
    const recover = vi.fn();
    const opened = await openLibraryWithRecovery('/lib', async (dir) => `app at ${dir}`, recover);
    expect(opened).toEqual({ app: 'app at /lib', libraryPath: '/lib', chosenByUser: false });
    expect(recover).not.toHaveBeenCalled();
  });

  it('tells the user when the library is in use, and opens the folder they choose instead', async () => {
    const problems: LibraryProblem[] = [];
    const open = vi.fn(async (dir: string) => {
      if (dir === '/busy') throw new AppError('in-use', 'The library at /busy is in use by another Apostil (process 42).');
      return `app at ${dir}`;
    });
    const opened = await openLibraryWithRecovery('/busy', open, async (problem) => {
      problems.push(problem);
      return '/other';
    });
    expect(problems[0]).toMatchObject({ libraryPath: '/busy', title: expect.stringContaining('already open') });
    expect(problems[0]?.detail).toContain('process 42');
    expect(opened).toEqual({ app: 'app at /other', libraryPath: '/other', chosenByUser: true });
  });

  it('gives up when the user chooses to quit', async () => {
    const opened = await openLibraryWithRecovery('/lib', () => Promise.reject(errno('EACCES', 'permission denied')), async () => null);
    expect(opened).toBeNull();
  });
});

describe('describeOpenError', () => {
  it('says what happened and what to do', () => {
    expect(describeOpenError(errno('EACCES', 'permission denied'), '/lib')).toMatchObject({
      title: expect.stringContaining('may not read or write'),
      detail: expect.stringContaining('permissions'),
    });
    expect(describeOpenError(errno('ENOTDIR', 'not a directory'), '/lib/file').title).toContain('not a folder');
    const other = describeOpenError(new AppError('corrupt', 'library.json is not valid JSON'), '/lib');
    expect(other.title).toBe('Apostil could not open the library.');
    expect(other.detail).toContain('library.json is not valid JSON');
  });
});
