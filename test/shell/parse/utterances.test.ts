// The utterance table through the whole parser (layers 1 and 2, glove embedder): accuracy per
// layer, the seed's and DESIGN.md's plain-English examples one by one, and what it refuses.
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { isNlshError } from '../../../src/base/errors.js';
import { createGloveEmbedder } from '../../../src/embed/glove.js';
import type { Embedder } from '../../../src/embed/types.js';
import { createParser, describeCommand, type Parser } from '../../../src/shell/parse/parser.js';
import { HELD_OUT, HELD_OUT_B, UTTERANCES, type Utterance } from './utterances.js';

let parser: Parser;
let embedderCalls = 0;

beforeAll(async () => {
  const glove = await createGloveEmbedder();
  parser = createParser({
    embedder: async (): Promise<Embedder> => {
      embedderCalls++;
      return glove;
    },
  });
}, 120_000);

interface Tally { n: number; right: number; wrongCall: number; wrongArgs: number }

async function score(table: readonly Utterance[]): Promise<{ byLayer: Record<string, Tally>; misses: string[]; right: number }> {
  const byLayer: Record<string, Tally> = {};
  const misses: string[] = [];
  let right = 0;
  for (const u of table) {
    let layer = 'refused';
    let got: { name: string; args: Record<string, unknown> } | undefined;
    let error = '';
    try {
      const c = await parser.parse(u.input);
      layer = `layer ${c.layer}`;
      got = { name: c.kind === 'syscall' ? c.syscall : `builtin:${c.builtin}`, args: c.args };
    } catch (err) {
      if (!isNlshError(err)) throw err;
      error = err.code;
    }
    const t = (byLayer[layer] ??= { n: 0, right: 0, wrongCall: 0, wrongArgs: 0 });
    t.n++;
    if (got && got.name === u.expect && isDeepStrictEqual(got.args, u.args)) {
      t.right++;
      right++;
    } else {
      if (got && got.name !== u.expect) t.wrongCall++;
      else if (got) t.wrongArgs++;
      misses.push(`${u.input}  ->  ${got ? `${got.name} ${JSON.stringify(got.args)}` : error}  (wanted ${u.expect} ${JSON.stringify(u.args)})`);
    }
  }
  return { byLayer, misses, right };
}

function report(title: string, r: Awaited<ReturnType<typeof score>>, n: number): void {
  const lines = Object.entries(r.byLayer).map(([layer, t]) => `  ${layer}: ${t.right}/${t.n} right, ${t.wrongCall} wrong call, ${t.wrongArgs} wrong arguments`);
  console.log(`${title}: ${r.right}/${n} (${((100 * r.right) / n).toFixed(1)}%)\n${lines.join('\n')}\n  misses:\n    ${r.misses.join('\n    ')}`);
}

describe('the utterance table', () => {
  it('has at least 200 utterances covering every syscall and built-in', async () => {
    const { SYSCALL_NAMES } = await import('../../../src/kernel/syscall-list.js');
    expect(UTTERANCES.length).toBeGreaterThanOrEqual(200);
    const covered = new Set(UTTERANCES.map((u) => u.expect));
    for (const name of SYSCALL_NAMES) expect(covered, name).toContain(name);
    for (const b of ['help', 'exit', 'top', 'history', 'clear']) expect(covered).toContain(`builtin:${b}`);
  });

  it('parses at least 95% of the table exactly, and everything layer 1 takes is right', async () => {
    const r = await score(UTTERANCES);
    report('utterance table', r, UTTERANCES.length);
    expect(r.right / UTTERANCES.length).toBeGreaterThanOrEqual(0.95);
    expect(r.byLayer['layer 1']?.right).toBe(r.byLayer['layer 1']?.n);
    expect(r.byLayer['layer 2']?.n ?? 0).toBeGreaterThan(80);
  }, 60_000);

  it('parses at least 80% of the held-out phrasings (never used to tune the intents)', async () => {
    const r = await score(HELD_OUT);
    report('held-out phrasings', r, HELD_OUT.length);
    expect(r.right / HELD_OUT.length).toBeGreaterThanOrEqual(0.8);
  }, 60_000);

  it('reports the second held-out set (written last, run once, never tuned against)', async () => {
    const r = await score(HELD_OUT_B);
    report('held-out set B', r, HELD_OUT_B.length);
    expect(r.right / HELD_OUT_B.length).toBeGreaterThanOrEqual(0.6);
  }, 60_000);

  it("every expected argument object is valid for the kernel's schema of its syscall", async () => {
    const { validateArgs } = await import('../../../src/kernel/schema.js');
    const defs = (await import('../../../src/kernel/syscall-list.js')).KERNEL_SYSCALLS;
    let checked = 0;
    for (const u of [...UTTERANCES, ...HELD_OUT, ...HELD_OUT_B]) {
      const def = defs.find((d) => d.name === u.expect);
      if (!def) continue;
      expect(() => validateArgs(def.name, def.args, u.args), u.input).not.toThrow();
      checked++;
    }
    expect(checked).toBeGreaterThan(250);
  });

  it('loads the embedder once for all of layer 2', () => {
    expect(embedderCalls).toBe(1);
  });
});

describe("the seed's and DESIGN.md's plain-English examples", () => {
  const table: [string, string][] = [
    ['create a code-writing agent with Python expertise', 'proc.spawn {"description":"a code-writing agent with Python expertise"}'],
    ['go to the directory about machine learning', 'fs.cd {"path":"the directory about machine learning"}'],
    ['show me files like neural networks', 'fs.ls {"similarTo":"neural networks"}'],
    ['tell everyone the system is shutting down', 'ipc.broadcast {"message":"the system is shutting down"}'],
    ['allocate memory for storing user preferences', 'mem.malloc {"description":"storing user preferences"}'],
    ['pause process 3', 'proc.suspend {"pid":"p3"}'],
    ['what is running?', 'proc.ps {}'],
    ['show me the processes', 'proc.ps {}'],
    ['stop the reviewer', 'proc.kill {"pid":"the reviewer"}'],
    ['ask the coder to analyze this code for bugs', 'ipc.send {"to":"the coder","message":"analyze this code for bugs"}'],
    ["find similar concepts to 'neural networks'", 'fs.search {"query":"neural networks"}'],
    ['index all documents in /knowledge', 'fs.mount {"host":"/knowledge"}'],
    ['store this knowledge as a vector', 'fs.embed {"text":"this knowledge"}'],
    ['Create a web server with authentication and logging', 'agent.build {"goal":"a web server with authentication and logging"}'],
    ['create an agent that writes REST APIs', 'proc.spawn {"description":"an agent that writes REST APIs"}'],
  ];
  for (const [line, want] of table) {
    it(`${line} -> ${want}`, async () => {
      expect(describeCommand(await parser.parse(line))).toBe(want);
    });
  }
});

describe('what layer 2 refuses', () => {
  it('gibberish fails with shell.unknownCommand naming the nearest commands', async () => {
    const err = await parser.parse('xqzvv').catch((e: unknown) => e);
    expect(isNlshError(err, 'shell.unknownCommand')).toBe(true);
    expect((err as { details: { suggestions: string[] } }).details.suggestions.length).toBeGreaterThan(0);
    expect((err as { hint: string }).hint).toMatch(/^try: /);
  });

  it('a sentence far from every intent fails with shell.unsure and carries nothing out', async () => {
    const err = await parser.parse('the weather in lisbon was lovely yesterday afternoon').catch((e: unknown) => e);
    expect(isNlshError(err) && ['shell.unsure', 'shell.unknownCommand'].includes(err.code)).toBe(true);
  });

  it('an intent whose required slot is missing is refused, not guessed', async () => {
    const err = await parser.parse('please terminate').catch((e: unknown) => e);
    expect(isNlshError(err)).toBe(true);
  });

  it('a bare command word is a usage error, never an invented argument', async () => {
    await expect(parser.parse('spawn')).rejects.toMatchObject({ code: 'shell.syntax', hint: expect.stringContaining('spawn "description"') });
    await expect(parser.parse('search')).rejects.toMatchObject({ code: 'shell.syntax' });
  });

  it('a process reference to "all" is refused rather than resolved to one process', async () => {
    await expect(parser.parse('kill all agents')).rejects.toMatchObject({ code: 'shell.syntax', message: expect.stringContaining('one process at a time') });
    await expect(parser.parse('pause all')).rejects.toMatchObject({ code: 'shell.syntax' });
  });

  it('two processes where one is meant is refused, not cut down to the first', async () => {
    for (const line of ['kill p3 p4', 'stop p3 and p4', 'terminate p1, p2']) {
      await expect(parser.parse(line), line).rejects.toBeInstanceOf(Error);
    }
  });

  it('a question about a folder is not taken as a place to go', async () => {
    const c = await parser.parse("what's in this folder?").catch(() => null);
    expect(c?.kind === 'syscall' ? c.syscall : undefined).not.toBe('fs.cd');
  });

  it('a mistyped command word is corrected when the rest fits the command', async () => {
    const c = await parser.parse('mkdri /tmp');
    expect(c).toMatchObject({ kind: 'syscall', syscall: 'fs.mkdir', args: { path: '/tmp' }, layer: 2 });
    expect(c.confidence).toBeLessThan(1);
  });

  it('a raised threshold turns a confident reading into shell.unsure', async () => {
    const strict = createParser({ embedder: () => createGloveEmbedder(), layer2Threshold: 5 });
    await expect(strict.parse('show me the processes')).rejects.toMatchObject({ code: 'shell.unsure' });
  });
});
