// SQL conditions over VectorFS paths (vfs layer), shared by store.ts and lexical-index.ts.

/** SQL condition and parameters selecting `dir` and everything under it, by path. */
export function subtreeWhere(col: string, dir: string): [string, string[]] {
  if (dir === '/') return ['1', []];
  // '0' is the character after '/', so [dir/, dir0) is exactly the paths below dir.
  return [`(${col} = ? OR (${col} > ? AND ${col} < ?))`, [dir, dir + '/', dir + '0']];
}
