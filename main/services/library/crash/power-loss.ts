// A model of what a disk keeps through a power loss, fed by every change the library code makes to the
// file system (power-loss.test.ts routes node:fs/promises through record()). A kill (the crash harness)
// loses only what the process had not yet written; a power loss also loses what the kernel had not yet
// written to the disk, in whatever order it chose. The model keeps, for each file, its content as of its
// last fsync, and for each folder, its entries as of its last fsync. At any moment it can give:
//   - 'synced':   only what was made durable: folders as of their last fsync, files as of theirs;
//   - 'reordered': every folder change (create, rename, remove) as made, but file contents only as of
//                 their last fsync: what a file system that writes metadata ahead of data can leave.
// A file whose content was never fsynced is empty in both. A rename is atomic (old or new name, as
// journalling file systems make it). Files outside the library's folder are not modelled.
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface FileNode {
  kind: 'file';
  data: Buffer;
  /** The content as of the last fsync; null if never fsynced. */
  durable: Buffer | null;
}
interface DirNode {
  kind: 'dir';
  entries: Map<string, Node>;
  durable: Map<string, Node>;
}
type Node = FileNode | DirNode;

export type PowerLossView = 'synced' | 'reordered';

/** A folder tree as plain data: relative path → content (folders end with "/"). */
export type Tree = Map<string, string>;

export class DiskModel {
  private readonly root: DirNode;
  /** How many changes were made (an index into the history of crash points). */
  changes = 0;

  /** `onChange` runs after each change (to look at what a power loss would then leave). */
  constructor(
    readonly dir: string,
    private readonly onChange: () => void = () => undefined,
  ) {
    this.root = scan(dir);
  }

  private split(file: string): string[] | null {
    const relative = path.relative(this.dir, path.resolve(file));
    if (relative === '') return [];
    if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
    return relative.split(path.sep);
  }

  private node(file: string): Node | null {
    const parts = this.split(file);
    if (!parts) return null;
    let node: Node = this.root;
    for (const part of parts) {
      if (node.kind !== 'dir') return null;
      const next = node.entries.get(part);
      if (!next) return null;
      node = next;
    }
    return node;
  }

  private parent(file: string): { dir: DirNode; name: string } | null {
    const parts = this.split(file);
    if (!parts || parts.length === 0) return null;
    const dir = this.node(path.dirname(path.resolve(file)));
    return dir?.kind === 'dir' ? { dir, name: parts[parts.length - 1]! } : null;
  }

  private changed(): void {
    this.changes++;
    this.onChange();
  }

  /** A file opened for writing: created if missing, emptied if opened with truncation. */
  opened(file: string, truncate: boolean): FileNode | null {
    const at = this.parent(file);
    if (!at) return null;
    let node = at.dir.entries.get(at.name);
    if (!node || node.kind !== 'file') {
      node = { kind: 'file', data: Buffer.alloc(0), durable: null };
      at.dir.entries.set(at.name, node);
    } else if (truncate) node.data = Buffer.alloc(0);
    this.changed();
    return node;
  }

  /** The node a handle opened for reading refers to (a folder is opened so to fsync it). */
  lookup(file: string): Node | null {
    return this.node(file);
  }

  written(node: FileNode, data: Buffer, append: boolean): void {
    node.data = append ? Buffer.concat([node.data, data]) : Buffer.from(data);
    this.changed();
  }

  synced(node: Node): void {
    if (node.kind === 'file') node.durable = Buffer.from(node.data);
    else node.durable = new Map(node.entries);
    this.changed();
  }

  renamed(from: string, to: string): void {
    const source = this.parent(from);
    const target = this.parent(to);
    const node = source?.dir.entries.get(source.name);
    if (!source || !node) return;
    source.dir.entries.delete(source.name);
    if (target) target.dir.entries.set(target.name, node);
    this.changed();
  }

  linked(existing: string, created: string): void {
    const node = this.node(existing);
    const target = this.parent(created);
    if (!node || !target) return;
    target.dir.entries.set(target.name, node);
    this.changed();
  }

  madeFolder(dir: string, recursive: boolean): void {
    const parts = this.split(dir);
    if (!parts) return;
    let node: DirNode = this.root;
    parts.forEach((part, i) => {
      let next = node.entries.get(part);
      if (!next && (recursive || i === parts.length - 1)) {
        next = { kind: 'dir', entries: new Map(), durable: new Map() };
        node.entries.set(part, next);
      }
      if (next?.kind === 'dir') node = next;
    });
    this.changed();
  }

  removed(file: string): void {
    const at = this.parent(file);
    if (!at || !at.dir.entries.delete(at.name)) return;
    this.changed();
  }

  /** What a power loss now would leave of the library. */
  view(kind: PowerLossView): Tree {
    const tree: Tree = new Map();
    const visit = (dir: DirNode, prefix: string) => {
      for (const [name, node] of kind === 'synced' ? dir.durable : dir.entries) {
        const relative = `${prefix}${name}`;
        if (node.kind === 'dir') {
          tree.set(`${relative}/`, '');
          visit(node, `${relative}/`);
        } else tree.set(relative, (node.durable ?? Buffer.alloc(0)).toString('latin1'));
      }
    };
    visit(this.root, '');
    return tree;
  }
}

/** The folder as it is on disk, all of it durable (it was there before the changes began). */
function scan(dir: string): DirNode {
  const node: DirNode = { kind: 'dir', entries: new Map(), durable: new Map() };
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const info = lstatSync(full);
    if (info.isDirectory()) node.entries.set(name, scan(full));
    else if (info.isFile()) {
      const data = readFileSync(full);
      node.entries.set(name, { kind: 'file', data, durable: data });
    }
  }
  node.durable = new Map(node.entries);
  return node;
}

/** Writes a tree out as a real folder, to open it as a library. */
export function materialize(tree: Tree, dir: string): void {
  for (const [relative, content] of [...tree].sort(([a], [b]) => a.localeCompare(b))) {
    const full = path.join(dir, ...relative.split('/'));
    if (relative.endsWith('/')) mkdirSync(full, { recursive: true });
    else {
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, Buffer.from(content, 'latin1'));
    }
  }
}

/** A short fingerprint of a tree, to try each distinct one once. */
export function treeKey(tree: Tree): string {
  return [...tree].map(([name, content]) => `${name}\u0000${content.length}\u0000${content}`).join('\u0001');
}

type FsPromises = typeof import('node:fs/promises');
type FileHandle = Awaited<ReturnType<FsPromises['open']>>;

/**
 * node:fs/promises, with every change the library code makes passed on to the model in use (if any)
 * once the real change succeeded. Only what the library code calls is covered: open (and the handle's
 * writeFile, write, sync, datasync), rename, mkdir, rm, unlink, link and writeFile.
 */
export function recordingFileSystem(real: FsPromises, model: () => DiskModel | null): FsPromises {
  const WRITE_FLAG = /[wa+]/;
  const writes = (flags: unknown) =>
    typeof flags === 'string' ? WRITE_FLAG.test(flags) : typeof flags === 'number' && (flags & 3) !== 0;
  const truncates = (flags: unknown) => (typeof flags === 'string' ? flags.startsWith('w') : typeof flags === 'number' && (flags & 0o1000) !== 0);

  const wrap = (handle: FileHandle, file: string, flags: unknown): FileHandle => {
    const disk = model();
    const node = disk ? (writes(flags) ? disk.opened(file, truncates(flags)) : disk.lookup(file)) : null;
    if (!disk || !node) return handle;
    return new Proxy(handle, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== 'function') return value;
        const call = (value as (...args: unknown[]) => unknown).bind(target);
        if (property === 'sync' || property === 'datasync') {
          return async (...args: unknown[]) => {
            await call(...args);
            disk.synced(node);
          };
        }
        if (node.kind === 'file' && (property === 'writeFile' || property === 'write' || property === 'appendFile')) {
          return async (data: unknown, ...args: unknown[]) => {
            const result = await call(data, ...args);
            const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data as Uint8Array);
            disk.written(node, bytes, property !== 'writeFile');
            return result;
          };
        }
        return call;
      },
    });
  };

  return {
    ...real,
    open: (async (file: string, flags?: unknown, mode?: unknown) => {
      const handle = await (real.open as (...args: unknown[]) => Promise<FileHandle>)(file, flags, mode);
      return wrap(handle, String(file), flags ?? 'r');
    }) as FsPromises['open'],
    rename: async (from, to) => {
      await real.rename(from, to);
      model()?.renamed(String(from), String(to));
    },
    mkdir: (async (dir: string, options?: { recursive?: boolean }) => {
      const made = await real.mkdir(dir, options);
      model()?.madeFolder(String(dir), options?.recursive === true);
      return made;
    }) as FsPromises['mkdir'],
    rm: async (file, options) => {
      await real.rm(file, options);
      model()?.removed(String(file));
    },
    unlink: async (file) => {
      await real.unlink(file);
      model()?.removed(String(file));
    },
    link: async (existing, created) => {
      await real.link(existing, created);
      model()?.linked(String(existing), String(created));
    },
    writeFile: (async (file: string, data: string | Uint8Array, options?: unknown) => {
      await (real.writeFile as (...args: unknown[]) => Promise<void>)(file, data, options);
      const disk = model();
      const node = disk?.opened(String(file), true);
      if (disk && node?.kind === 'file') disk.written(node, typeof data === 'string' ? Buffer.from(data) : Buffer.from(data), false);
    }) as FsPromises['writeFile'],
  };
}
