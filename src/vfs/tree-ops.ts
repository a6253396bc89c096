// Tree operations (vfs layer): the literal file-system half of VectorFS — stat, tree, cat,
// write, mkdir, rm, mv, cp and regex grep — with POSIX-like errors. VectorFSImpl (in
// vectorfs.ts) extends this class with the semantic half; nothing else uses it.
import type { Clock } from '../base/clock.js';
import { NlshError } from '../base/errors.js';
import type { FileWriter } from './file-writer.js';
import type { VectorIndex } from './index-sync.js';
import type { DirectoryVectors } from './semantic-path.js';
import type { InodeRow, VfsStore } from './store.js';
import type { Entry, GrepHit } from './types.js';
import { baseName, checkNewPath, isWithin, joinPath, parentOf } from './vpath.js';

const MAX_PATTERN = 1000;

export class TreeOps {
  constructor(
    protected readonly store: VfsStore,
    private readonly vindex: VectorIndex,
    protected readonly writer: FileWriter,
    protected readonly dirs: DirectoryVectors,
    private readonly clock: Clock,
  ) {}

  /** The inode at path; fails fs.notFound. */
  protected need(path: string): InodeRow {
    const row = this.store.get(path);
    if (!row) throw new NlshError('fs.notFound', `${path}: no such file or directory`, { hint: "see 'ls' for what exists" });
    return row;
  }

  private needDir(path: string): InodeRow {
    const row = this.need(path);
    if (row.kind !== 'dir') throw new NlshError('fs.notDir', `${path} is not a directory`, { hint: 'give a directory' });
    return row;
  }

  protected entry(r: InodeRow): Entry {
    const e: Entry = { name: r.name || '/', path: r.path, kind: r.kind, mtime: r.mtime };
    if (r.kind === 'file') e.size = r.size;
    if (r.description) e.description = r.description;
    return e;
  }

  stat(path: string): Entry | undefined {
    const r = this.store.get(path);
    return r ? this.entry(r) : undefined;
  }

  async tree(path: string, depth = 3): Promise<string[]> {
    const root = this.need(path);
    const lines = [root.kind === 'dir' && path !== '/' ? path + '/' : path];
    const walk = (dir: string, prefix: string, level: number): void => {
      if (level > depth) return;
      const kids = this.store.children(dir);
      kids.forEach((k, i) => {
        const last = i === kids.length - 1;
        lines.push(`${prefix}${last ? '└── ' : '├── '}${k.name}${k.kind === 'dir' ? '/' : ''}`);
        if (k.kind === 'dir') walk(k.path, prefix + (last ? '    ' : '│   '), level + 1);
      });
    };
    if (root.kind === 'dir') walk(path, '', 1);
    return lines;
  }

  cat(path: string): string {
    const row = this.need(path);
    if (row.kind === 'dir') throw new NlshError('fs.isDir', `${path} is a directory`, { hint: `use 'ls ${path}'` });
    return this.store.content(path) ?? '';
  }

  async write(path: string, content: string, opts: { append?: boolean; description?: string } = {}): Promise<Entry> {
    if (path === '/') throw new NlshError('fs.isDir', '/ is a directory', { hint: 'write to a file path' });
    this.needDir(parentOf(path));
    const row = this.store.get(path);
    if (row?.kind === 'dir') throw new NlshError('fs.isDir', `${path} is a directory`, { hint: 'write to a file path' });
    // An append re-chunks and re-embeds only the file's tail, not the whole file.
    const prepared = opts.append && row && !opts.description
      ? await this.writer.prepareAppend(path, content)
      : await this.writer.prepare(path, opts.append && row ? (this.store.content(path) ?? '') + content : content, { description: opts.description });
    this.writer.commit([prepared]);
    this.vindex.maybeSave();
    return this.entry(this.need(path));
  }

  async mkdir(path: string, opts: { parents?: boolean; description?: string } = {}): Promise<Entry> {
    const row = this.store.get(path);
    if (row) {
      if (opts.parents && row.kind === 'dir') return this.entry(row);
      throw new NlshError('fs.exists', `${path} already exists`, { hint: 'choose another name, or use mkdir -p' });
    }
    const parent = parentOf(path);
    if (!this.store.get(parent)) {
      if (!opts.parents) throw new NlshError('fs.notFound', `${parent}: no such directory`, { hint: 'create it first, or use mkdir -p' });
      await this.mkdir(parent, { parents: true });
    }
    this.needDir(parent);
    await this.writer.mkdirRow(path, opts.description);
    return this.entry(this.need(path));
  }

  async rm(path: string, opts: { recursive?: boolean } = {}): Promise<number> {
    if (path === '/') throw new NlshError('fs.denied', 'refusing to remove /', { hint: 'remove the directories inside it instead' });
    const row = this.need(path);
    if (row.kind === 'dir' && !opts.recursive) {
      throw new NlshError('fs.isDir', `${path} is a directory`, { hint: `use 'rm -r ${path}' to remove it and its contents` });
    }
    return this.removeTree(path);
  }

  /** Deletes path and everything under it (no checks); returns the number of inodes removed. */
  protected removeTree(path: string): number {
    const file = this.store.get(path)?.kind === 'file';
    const r = this.store.tx(() => this.store.deleteSubtree(path));
    for (const id of r.chunks) this.vindex.remove(id);
    this.dirs.invalidate(file ? [path] : undefined);
    this.vindex.maybeSave();
    return r.inodes;
  }

  /** Where `to` points for mv/cp: into an existing directory, or the path itself. */
  private target(from: string, to: string): string {
    const t = this.store.get(to);
    return t?.kind === 'dir' ? joinPath(to, baseName(from)) : to;
  }

  async mv(from: string, to: string): Promise<Entry> {
    if (from === '/') throw new NlshError('fs.denied', 'refusing to move /', { hint: 'move the directories inside it instead' });
    const src = this.need(from);
    const dest = checkNewPath(this.target(from, to));
    if (dest === from) return this.entry(src);
    if (isWithin(dest, from)) throw new NlshError('fs.badPath', `cannot move ${from} into itself`, { hint: 'choose a target outside it' });
    this.needDir(parentOf(dest));
    const existing = this.store.get(dest);
    if (existing && (existing.kind === 'dir' || src.kind === 'dir')) {
      throw new NlshError('fs.exists', `${dest} already exists`, { hint: 'remove it first or choose another name' });
    }
    if (existing) this.removeTree(dest);
    this.store.tx(() => this.store.moveSubtree(from, dest, parentOf(dest), baseName(dest), this.clock.now()));
    this.dirs.invalidate();
    return this.entry(this.need(dest));
  }

  async cp(from: string, to: string, opts: { recursive?: boolean } = {}): Promise<Entry> {
    const src = this.need(from);
    if (src.kind === 'dir' && !opts.recursive) {
      throw new NlshError('fs.isDir', `${from} is a directory`, { hint: `use 'cp -r ${from} ${to}'` });
    }
    const dest = this.target(from, to);
    if (isWithin(dest, from)) throw new NlshError('fs.badPath', `cannot copy ${from} into itself`, { hint: 'choose a target outside it' });
    this.needDir(parentOf(dest));
    if (src.kind === 'file') {
      if (this.store.get(dest)?.kind === 'dir') throw new NlshError('fs.isDir', `${dest} is a directory`);
      const p = await this.writer.prepare(dest, this.store.content(from) ?? '', { description: src.description ?? undefined });
      this.writer.commit([p]);
      return this.entry(this.need(dest));
    }
    if (this.store.get(dest)) throw new NlshError('fs.exists', `${dest} already exists`, { hint: 'choose another name' });
    for (const r of this.store.subtree(from)) {
      const p = dest + r.path.slice(from.length);
      if (r.kind === 'dir') await this.writer.mkdirRow(p, r.description ?? undefined);
      else this.writer.commit([await this.writer.prepare(p, this.store.content(r.path) ?? '', { description: r.description ?? undefined })]);
    }
    this.vindex.maybeSave();
    return this.entry(this.need(dest));
  }

  grep(pattern: string, path: string, opts: { ignoreCase?: boolean; limit?: number; context?: number } = {}): GrepHit[] {
    if (!pattern) throw new NlshError('fs.emptyQuery', 'the pattern is empty', { hint: 'give a regular expression, e.g. grep "TODO"' });
    if (pattern.length > MAX_PATTERN) throw new NlshError('fs.queryTooLong', `the pattern is too long (at most ${MAX_PATTERN} characters)`);
    let re: RegExp;
    try {
      re = new RegExp(pattern, opts.ignoreCase ? 'iu' : 'u');
    } catch (err) {
      throw new NlshError('fs.badPattern', `bad regular expression: ${(err as Error).message}`, { hint: 'escape special characters with \\' });
    }
    const root = this.need(path);
    const files = root.kind === 'file' ? [root] : this.store.subtree(path).filter((r) => r.kind === 'file');
    const limit = opts.limit ?? 1000;
    const ctx = opts.context ?? 0;
    const hits: GrepHit[] = [];
    for (const f of files) {
      const lines = (this.store.content(f.path) ?? '').split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (!re.test(lines[i]!)) continue;
        const hit: GrepHit = { path: f.path, line: i + 1, text: lines[i]! };
        if (ctx > 0) {
          hit.context = [];
          for (let j = Math.max(0, i - ctx); j <= Math.min(lines.length - 1, i + ctx); j++) {
            if (j !== i) hit.context.push({ line: j + 1, text: lines[j]! });
          }
        }
        hits.push(hit);
        if (hits.length >= limit) return hits;
      }
    }
    return hits;
  }
}
