#!/usr/bin/env node
// Trains word vectors on this machine's own documentation, for bench/vfs-docvec.mjs (a probe for
// issue 10: vectors that know how manuals say things, where GloVe knows news text). The text is
// every man page outside section 1 (the eval corpus is section 1: none of it is trained on), the
// files under /usr/share/doc and /usr/share/info, and the README files of installed npm packages;
// lowercased, punctuation dropped (about 177 MB, 31M words here). Then fastText's skipgram
// without subwords (word2vec-like; Debian's `fasttext` package: `apt-get install fasttext`).
// Takes ~30 min on one thread of this machine (2 threads: about half). Not part of nlsh: nothing
// in src/ reads the result.
// Usage: node bench/docvec/train.mjs [--out /tmp/docvec] [--threads 2] [--subwords] [--clean]
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { manToText } from '../../dist/vfs/man-text.js';

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const outDir = arg('--out', '/tmp/docvec');
mkdirSync(outDir, { recursive: true });
const textFile = join(outDir, 'train.txt');
const out = createWriteStream(textFile);
let bytes = 0, files = 0;
// --clean: words as nlsh tokenises them (letters and digits only), without numbers and hex ids
// (commit hashes of changelogs crowded the neighbours of plain words)
const clean = process.argv.includes('--clean');
const norm = clean
  ? (t) => (t.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !/^[0-9]+$/.test(w) && !(w.length >= 7 && /[0-9]/.test(w) && /^[0-9a-f]+$/.test(w))).join(' ')
  : (t) => t.toLowerCase().replace(/[^a-z0-9'\-]+/g, ' ').replace(/\s+/g, ' ').trim();
function emit(t) { const n = norm(t); if (n.length > 20) { out.write(n + '\n'); bytes += n.length; files++; } }
function read(p) { let b = readFileSync(p); if (p.endsWith('.gz')) { try { b = gunzipSync(b); } catch { return null; } } if (b.includes(0)) return null; return b.toString('utf8'); }
function walk(dir, fn, depth = 0) { let ents; try { ents = readdirSync(dir, { withFileTypes: true }); } catch { return; } for (const e of ents) { const p = join(dir, e.name); if (e.isDirectory()) { if (depth < 12) walk(p, fn, depth + 1); } else if (e.isFile()) fn(p); } }
for (const s of ['man2', 'man3', 'man4', 'man5', 'man7', 'man8']) walk('/usr/share/man/' + s, (p) => { const t = read(p); if (t) emit(manToText(t)); });
walk('/usr/share/doc', (p) => { if (/\.(png|jpg|gif|pdf|svg|woff|ttf)$/.test(p) || /copyright$/.test(p)) return; if (statSync(p).size > 3e6) return; const t = read(p); if (t) emit(t.replace(/<[^>]+>/g, ' ')); });
walk('/usr/share/info', (p) => { const t = read(p); if (t) emit(t); });
const seen = new Set();
for (const root of ['/usr/lib/node_modules', join(import.meta.dirname, '..', '..', 'node_modules'), '/root/.npm']) walk(root, (p) => { if (!/\/(readme|README|Readme)(\.md|\.markdown|\.txt)?$/.test(p)) return; const t = read(p); if (!t || seen.has(t.length + t.slice(0, 200))) return; seen.add(t.length + t.slice(0, 200)); emit(t.replace(/```[\s\S]*?```/g, ' ')); });
await new Promise((r) => out.end(r));
console.log(`training text: ${files} files, ${(bytes / 1e6).toFixed(1)} MB -> ${textFile}`);
const model = join(outDir, `${process.argv.includes('--subwords') ? 'ft100' : 'w2v100'}${clean ? '-clean' : ''}`);
const args = ['skipgram', '-input', textFile, '-output', model, '-dim', '100', '-epoch', '5', '-minCount', '10', '-thread', arg('--threads', '2'), '-verbose', '1'];
if (!process.argv.includes('--subwords')) args.push('-maxn', '0');
console.log(`fasttext ${args.join(' ')}`);
const t0 = Date.now();
const r = spawnSync('fasttext', args, { stdio: 'inherit' });
if (r.error || r.status !== 0) {
  console.error(r.error?.code === 'ENOENT' ? 'fasttext is not installed: apt-get install fasttext' : `fasttext failed (${r.status})`);
  process.exit(1);
}
console.log(`vectors: ${model}.vec (${((Date.now() - t0) / 60000).toFixed(1)} min)`);
