// Directory scoring of the one ranking (vfs layer): a directory by its own name, description
// and vector, and by what its files and subdirectories say about it (the best of them, and the
// mean of the best few, without padding). Called by rank-files.ts only.
import { cosine } from '../embed/types.js';
import { cover, nameStems, type WordGroup } from './query-groups.js';
import type { PathScore, RankWeights } from './rank-types.js';
import type { DirectoryVectors } from './semantic-path.js';
import { baseName, parentOf } from './vpath.js';

/**
 * The weights a directory's score reads its files with: the chunk-evidence mix (no whole-file
 * bm25), with more weight on the files' own vectors. A directory's files are evidence of a topic
 * rather than the one page asked for; the file-bm25-heavy mix of DEFAULT_WEIGHTS put big parent
 * directories first. Chosen on the tour's cases and a calibration set of directory queries
 * (bench/results/vfs.md, "Directory scoring"); cd's threshold (semantic-path.ts) is on this scale.
 */
export const DIR_WEIGHTS: RankWeights = { coverage: 0.3, passage: 0.15, centroid: 0.25, name: 0.15, bm25: 0.15, file: 0 };

/** How much of a file's score a directory two levels up gets, relative to its parent directory. */
const BELOW_DECAY = 0.9;
/** How many of the best files below a directory its score reads. */
export const TOP_FILES = 3;
/** The weight of the mean of those best few against the best one alone. */
const SPREAD = 0.25;
/** The weight of a directory's own vector (name, description, centroid of its files) in its own score. */
const DIR_COS = 0.6;
/** Directories in scope, each scored by its own name/description and vector and by its contents (see contents()). */
export function rankDirs(
  dirs: DirectoryVectors,
  qv: Float32Array,
  groups: readonly WordGroup[],
  /** The files below the directories ranked: their numbers, and score and parent by number. */
  files: { files: readonly number[]; score: Float64Array; parents: readonly string[] },
  within: (p: string) => boolean,
  w: RankWeights,
): PathScore[] {
  // a directory's items are its own files and, 10 % less, each subdirectory's contents score
  // (so a parent never outscores the one subdirectory its evidence comes from); deepest first
  const items = new Map<string, number[]>();
  const add = (d: string, s: number): void => {
    let top = items.get(d);
    if (!top) items.set(d, (top = []));
    insertTop(top, s);
  };
  for (const i of files.files) add(files.parents[i]!, files.score[i]!);
  const byDepth = [...dirs.vectors().keys()].sort((a, b) => b.split('/').length - a.split('/').length);
  const content = new Map<string, number>();
  for (const d of byDepth) {
    const c = contents(items.get(d));
    content.set(d, c);
    if (c > 0 && parentOf(d) !== '/') add(parentOf(d), c * BELOW_DECAY);
  }
  const described = dirs.described();
  const out: PathScore[] = [];
  for (const [path, v] of dirs.vectors()) {
    if (!within(path)) continue;
    const names = nameStems(described.get(path) ?? baseName(path));
    const named = cover(groups, (g) => (names.has(g.key) ? 1 : 0));
    const own = (w.coverage + w.name) * named + DIR_COS * Math.max(0, cosine(qv, v));
    out.push({ path, kind: 'dir', score: 0.5 * own + 0.5 * Math.max(own, content.get(path) ?? 0) });
  }
  return out;
}

/** Keeps the TOP_FILES largest values of a list, largest first. */
function insertTop(top: number[], s: number): void {
  if (top.length >= TOP_FILES && s <= top[top.length - 1]!) return;
  let i = top.length;
  while (i > 0 && top[i - 1]! < s) i--;
  top.splice(i, 0, s);
  if (top.length > TOP_FILES) top.pop();
}

/**
 * What a directory's items say about it: mostly its best, partly the mean of its best few (as
 * many as it has, no padding: a one-file directory is its file), so a directory with several
 * good files beats one with a single good file among unrelated ones.
 */
function contents(top: readonly number[] | undefined): number {
  if (!top?.length) return 0;
  return (1 - SPREAD) * top[0]! + (SPREAD * top.reduce((a, b) => a + b, 0)) / top.length;
}
