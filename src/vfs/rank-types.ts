// Result and weight types of the file and directory ranking (vfs layer), shared by
// rank-files.ts and rank-dirs.ts.
import type { InodeKind } from './types.js';

export interface RankWeights {
  coverage: number;
  passage: number;
  centroid: number;
  name: number;
  bm25: number;
  file: number;
  /** The file's head alone (file-bm25.ts); 0 when left out. */
  head?: number;
  /** The page's topic (page-topics.ts), over the best files only; 0 when left out. */
  topic?: number;
}

export interface PathScore {
  path: string;
  kind: InodeKind;
  score: number;
  /** The chunk that best supports a file (id, first line, text), when one was a candidate and RankOptions.passages asked for it. */
  best?: { id: number; line: number; text: string };
}
