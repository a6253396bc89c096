// Layer 1 (the grammar), the lexer, splitScript and describeCommand, without any embedder.
import { describe, expect, it } from 'vitest';
import { isNlshError } from '../../../src/base/errors.js';
import type { Embedder } from '../../../src/embed/types.js';
import { createParser, describeCommand, splitScript } from '../../../src/shell/parse/parser.js';
import { describeUnderstanding } from '../../../src/shell/parse/describe.js';
import { lex } from '../../../src/shell/parse/lexer.js';
import type { Command } from '../../../src/shell/types.js';

const noEmbedder = (): Promise<Embedder> => {
  throw new Error('layer 1 must never ask for the embedder');
};
const parser = createParser({ embedder: noEmbedder });

function l1(line: string): { syscall?: string; builtin?: string; args: Record<string, unknown> } {
  const c = parser.parseSync(line);
  if (!c) throw new Error(`layer 1 did not take: ${line}`);
  expect(c.layer).toBe(1);
  expect(c.confidence).toBe(1);
  return c.kind === 'syscall' ? { syscall: c.syscall, args: c.args } : { builtin: c.builtin, args: c.args };
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isNlshError(err)) return err.code;
    throw err;
  }
  return 'no error';
}

describe('the canonical forms of DESIGN.md', () => {
  const table: [string, string, Record<string, unknown>][] = [
    ['spawn "a code-writing agent with Python expertise" priority high budget 5000', 'proc.spawn', { description: 'a code-writing agent with Python expertise', priority: 5, budget: 5000 }],
    ['spawn a code-writing agent with Python expertise', 'proc.spawn', { description: 'a code-writing agent with Python expertise' }],
    ['spawn "tester" priority realtime', 'proc.spawn', { description: 'tester', priority: 0 }],
    ['spawn "tester" priority idle budget 5k', 'proc.spawn', { description: 'tester', priority: 19, budget: 5000 }],
    ['spawn "a poet" with low priority', 'proc.spawn', { description: 'a poet', priority: 15 }],
    ['spawn "a poet" --name bard --type specialist', 'proc.spawn', { description: 'a poet', name: 'bard', type: 'specialist' }],
    ['kill p3', 'proc.kill', { pid: 'p3' }],
    ['kill 3', 'proc.kill', { pid: 'p3' }],
    ['kill "the reviewer"', 'proc.kill', { pid: 'the reviewer' }],
    ['kill the reviewer', 'proc.kill', { pid: 'the reviewer' }],
    ['kill coder', 'proc.kill', { pid: 'coder' }],
    ['suspend p3', 'proc.suspend', { pid: 'p3' }],
    ['pause process 3', 'proc.suspend', { pid: 'p3' }],
    ['resume p3', 'proc.resume', { pid: 'p3' }],
    ['renice p3 5', 'proc.renice', { pid: 'p3', priority: 5 }],
    ['renice p3 high', 'proc.renice', { pid: 'p3', priority: 5 }],
    ['renice -n 19 p3', 'proc.renice', { pid: 'p3', priority: 19 }],
    ['ps', 'proc.ps', {}],
    ['ps -a', 'proc.ps', { all: true }],
    ['ps aux', 'proc.ps', { all: true }],
    ['ps --limit 20 --offset 100', 'proc.ps', { limit: 20, offset: 100 }],
    ['ps -a -n 5', 'proc.ps', { all: true, limit: 5 }],
    ['ps --limit 0', 'proc.ps', { limit: 0 }],
    ['ps --sort CPU -n 10', 'proc.ps', { sort: 'cpu', limit: 10 }],
    ['wait p2', 'proc.wait', { pid: 'p2' }],
    ['wait p2 --timeout 30s', 'proc.wait', { pid: 'p2', timeoutMs: 30_000 }],
    ['merge p1 p2', 'proc.merge', { pids: ['p1', 'p2'] }],
    ['merge p1 and p2 as generalist', 'proc.merge', { pids: ['p1', 'p2'], name: 'generalist' }],
    ['split p3 into 3', 'proc.split', { pid: 'p3', into: 3 }],
    ['split p3 into two specialists', 'proc.split', { pid: 'p3', into: 2 }],
    ['split p3', 'proc.split', { pid: 'p3', into: 3 }],
    ['lend 50% attention from p1 to p2', 'proc.lend', { from: 'p1', to: 'p2', percent: 50 }],
    ['lend 25 percent from p1 to p2', 'proc.lend', { from: 'p1', to: 'p2', percent: 25 }],
    ['send p2 "Analyze this code for bugs"', 'ipc.send', { to: 'p2', message: 'Analyze this code for bugs' }],
    ['send "hello" to the reviewer', 'ipc.send', { to: 'the reviewer', message: 'hello' }],
    ['send p2 "urgent" --priority high --ack', 'ipc.send', { to: 'p2', message: 'urgent', priority: 5, requiresAck: true }],
    ['broadcast "System shutting down"', 'ipc.broadcast', { message: 'System shutting down' }],
    ['multicast reviewers "please look"', 'ipc.multicast', { group: 'reviewers', message: 'please look' }],
    ['group reviewers p1 p2', 'ipc.group', { name: 'reviewers', members: ['p1', 'p2'] }],
    ['receive', 'ipc.receive', {}],
    ['receive p2 -n 5', 'ipc.receive', { pid: 'p2', max: 5 }],
    ['msgs', 'ipc.receive', {}],
    ['msgs --wait', 'ipc.receive', { wait: true }],
    ['msgs --wait --timeout 5s', 'ipc.receive', { wait: true, timeoutMs: 5000 }],
    ['ask p2 "what is left?"', 'ipc.ask', { to: 'p2', message: 'what is left?' }],
    ['ask p2 "what is left?" --timeout 90s --ack', 'ipc.ask', { to: 'p2', message: 'what is left?', timeoutMs: 90_000, requiresAck: true }],
    ['malloc "storing user preferences"', 'mem.malloc', { description: 'storing user preferences' }],
    ['malloc "cache" size 4096', 'mem.malloc', { description: 'cache', size: 4096 }],
    ['allocate memory for storing user preferences', 'mem.malloc', { description: 'storing user preferences' }],
    ['free m1', 'mem.free', { id: 'm1' }],
    ['share m1 with p2', 'mem.share', { id: 'm1', with: 'p2' }],
    ['mem', 'mem.stat', {}],
    ['mem stat', 'mem.stat', {}],
    ['pwd', 'fs.pwd', {}],
    ['cd', 'fs.cd', {}],
    ['cd /knowledge', 'fs.cd', { path: '/knowledge' }],
    ['cd "the directory about ML"', 'fs.cd', { path: 'the directory about ML' }],
    ['ls', 'fs.ls', {}],
    ['ls -l /apps', 'fs.ls', { path: '/apps', long: true }],
    ['ls similar-to "neural networks"', 'fs.ls', { similarTo: 'neural networks' }],
    ['ls /knowledge similar-to "neural networks" -n 5', 'fs.ls', { path: '/knowledge', similarTo: 'neural networks', limit: 5 }],
    ['tree', 'fs.tree', {}],
    ['tree /apps -L 2', 'fs.tree', { path: '/apps', depth: 2 }],
    ['cat notes.md', 'fs.cat', { path: 'notes.md' }],
    ['echo "x" > notes.md', 'fs.write', { path: 'notes.md', content: 'x\n' }],
    ['echo "x" >> notes.md', 'fs.write', { path: 'notes.md', content: 'x\n', append: true }],
    ['echo hello world>notes.md', 'fs.write', { path: 'notes.md', content: 'hello world\n' }],
    ['write notes.md "some text"', 'fs.write', { path: 'notes.md', content: 'some text' }],
    ['mkdir /a', 'fs.mkdir', { path: '/a' }],
    ['mkdir -p /a/b/c', 'fs.mkdir', { path: '/a/b/c', parents: true }],
    ['mkdir /knowledge/ml "machine learning notes"', 'fs.mkdir', { path: '/knowledge/ml', description: 'machine learning notes' }],
    ['rm notes.md', 'fs.rm', { path: 'notes.md' }],
    ['rm -r /tmp', 'fs.rm', { path: '/tmp', recursive: true }],
    ['rm -rf /tmp', 'fs.rm', { path: '/tmp', recursive: true }],
    ['mv a.md b.md', 'fs.mv', { from: 'a.md', to: 'b.md' }],
    ['cp a.md b.md', 'fs.cp', { from: 'a.md', to: 'b.md' }],
    ['cp -r /a /b', 'fs.cp', { from: '/a', to: '/b', recursive: true }],
    ['grep -l "regex" /apps', 'fs.grep', { pattern: 'regex', path: '/apps', filesOnly: true }],
    ['grep -i todo', 'fs.grep', { pattern: 'todo', ignoreCase: true }],
    ['grep -C 2 "a b" /x -n 3', 'fs.grep', { pattern: 'a b', path: '/x', context: 2, limit: 3 }],
    ['grep meaning "optimization" in /knowledge -n 5', 'fs.grepMeaning', { query: 'optimization', path: '/knowledge', limit: 5 }],
    ['grep meaning "optimization techniques"', 'fs.grepMeaning', { query: 'optimization techniques' }],
    ['find similar-to "neural networks"', 'fs.find', { query: 'neural networks' }],
    ['find /knowledge similar-to "nets" --type d', 'fs.find', { query: 'nets', path: '/knowledge', kind: 'dir' }],
    ['find "neural networks"', 'fs.find', { query: 'neural networks' }],
    ['embed "the sky is blue"', 'fs.embed', { text: 'the sky is blue' }],
    ['embed "the sky is blue" as /knowledge/facts/sky.md', 'fs.embed', { text: 'the sky is blue', as: '/knowledge/facts/sky.md' }],
    ['search "neural networks"', 'fs.search', { query: 'neural networks' }],
    ['search "nets" -n 3', 'fs.search', { query: 'nets', limit: 3 }],
    ['mount ./docs', 'fs.mount', { host: './docs' }],
    ['mount ./docs at /knowledge/docs', 'fs.mount', { host: './docs', at: '/knowledge/docs' }],
    ['mount ./docs --at /knowledge/docs', 'fs.mount', { host: './docs', at: '/knowledge/docs' }],
    ['index all documents in ./docs', 'fs.mount', { host: './docs' }],
    ['export /apps/web ./out', 'fs.export', { path: '/apps/web', host: './out' }],
    ['build "a web server with authentication and logging"', 'agent.build', { goal: 'a web server with authentication and logging' }],
    ['audit', 'sys.audit', {}],
    ['audit -n 20', 'sys.audit', { limit: 20 }],
    ['audit verify', 'sys.auditVerify', {}],
  ];
  for (const [line, syscall, args] of table) {
    it(`${line} -> ${syscall}`, () => {
      expect(l1(line)).toEqual({ syscall, args });
    });
  }
});

describe('built-ins', () => {
  it('help, exit, top, history, clear and config parse to built-in commands', () => {
    expect(l1('help')).toEqual({ builtin: 'help', args: {} });
    expect(l1('help spawn')).toEqual({ builtin: 'help', args: { topic: 'spawn' } });
    expect(l1('exit')).toEqual({ builtin: 'exit', args: {} });
    expect(l1('quit')).toEqual({ builtin: 'exit', args: {} });
    expect(l1('top')).toEqual({ builtin: 'top', args: {} });
    expect(l1('history')).toEqual({ builtin: 'history', args: {} });
    expect(l1('clear')).toEqual({ builtin: 'clear', args: {} });
    expect(l1('config')).toEqual({ builtin: 'config', args: { action: 'list' } });
    expect(l1('config set model llama3.2')).toEqual({ builtin: 'config', args: { action: 'set', key: 'model', value: 'llama3.2' } });
    expect(l1('config get model')).toEqual({ builtin: 'config', args: { action: 'get', key: 'model' } });
  });
});

describe("the seed's VAPI calls parse literally", () => {
  const table: [string, string, Record<string, unknown>][] = [
    ['llm.spawn("Create a code-writing agent with Python expertise")', 'proc.spawn', { description: 'a code-writing agent with Python expertise' }],
    ['llm.kill(pid)', 'proc.kill', { pid: 'pid' }],
    ['llm.kill(p3)', 'proc.kill', { pid: 'p3' }],
    ['llm.suspend(pid)', 'proc.suspend', { pid: 'pid' }],
    ['llm.malloc("Allocate memory for storing user preferences")', 'mem.malloc', { description: 'storing user preferences' }],
    ['llm.free(memoryId)', 'mem.free', { id: 'memoryId' }],
    ['llm.share(memoryId, targetPid)', 'mem.share', { id: 'memoryId', with: 'targetPid' }],
    ['llm.send(targetPid, "Analyze this code for bugs")', 'ipc.send', { to: 'targetPid', message: 'Analyze this code for bugs' }],
    ['llm.receive()', 'ipc.receive', {}],
    ['llm.broadcast("System shutting down")', 'ipc.broadcast', { message: 'System shutting down' }],
    ['llm.embed("Store this knowledge as a vector")', 'fs.embed', { text: 'Store this knowledge as a vector' }],
    ["llm.search(\"Find similar concepts to 'neural networks'\")", 'fs.search', { query: 'neural networks' }],
    ['llm.index("Index all documents in /knowledge")', 'fs.mount', { host: '/knowledge' }],
    ['llm.merge(agentA, agentB)', 'proc.merge', { pids: ['agentA', 'agentB'] }],
    ['llm.split(complexAgent)', 'proc.split', { pid: 'complexAgent', into: 3 }],
    ['llm.lendAttention(agentA, agentB, percentage=50)', 'proc.lend', { from: 'agentA', to: 'agentB', percent: 50 }],
  ];
  for (const [line, syscall, args] of table) {
    it(`${line} -> ${syscall}`, () => {
      expect(l1(line)).toEqual({ syscall, args });
    });
  }
  it('an unknown llm.* call is not taken by layer 1', () => {
    expect(parser.parseSync('llm.teleport("mars")')).toBeNull();
  });
});

describe('the lexer', () => {
  it('double quotes take escapes, single quotes are literal', () => {
    expect(lex('echo "a \\"b\\" c" \'d \\n e\'').map((t) => t.value)).toEqual(['echo', 'a "b" c', 'd \\n e']);
  });
  it('an apostrophe inside a word is a letter, not a quote', () => {
    expect(lex("what's running?").map((t) => t.value)).toEqual(["what's", 'running?']);
  });
  it('a # at the start of a word begins a comment; inside a word it is a letter', () => {
    expect(lex('ls /apps # list apps').map((t) => t.value)).toEqual(['ls', '/apps']);
    expect(lex('search C#').map((t) => t.value)).toEqual(['search', 'C#']);
  });
  it('a backslash escapes a space outside quotes', () => {
    expect(lex('cat my\\ notes.md').map((t) => t.value)).toEqual(['cat', 'my notes.md']);
  });
  it('an unbalanced quote fails with shell.syntax naming the column', () => {
    try {
      lex('echo "abc > x');
      expect.unreachable();
    } catch (err) {
      expect(isNlshError(err, 'shell.syntax')).toBe(true);
      expect((err as Error).message).toContain('column 6');
    }
    expect(code(() => parser.parseSync("kill 'p3"))).toBe('shell.syntax');
    expect(code(() => parser.parseSync('llm.spawn("abc)'))).toBe('shell.syntax');
  });
});

describe('splitScript', () => {
  it('splits on ; and newlines outside quotes, drops comments and blank lines, keeps line numbers', () => {
    const script = 'pwd; ls /apps\n# a comment\n\necho "a;b" > x.md  # trailing\nspawn "x" \\\n  priority high\n';
    expect(splitScript(script)).toEqual([
      { line: 1, text: 'pwd' },
      { line: 1, text: 'ls /apps' },
      { line: 4, text: 'echo "a;b" > x.md' },
      { line: 5, text: 'spawn "x"    priority high' },
    ]);
  });
  it("keeps apostrophes and # inside words", () => {
    expect(splitScript("what's running?; search C#")).toEqual([{ line: 1, text: "what's running?" }, { line: 1, text: 'search C#' }]);
  });
  it('every split command parses back through layer 1', () => {
    for (const { text } of splitScript('cd /apps; ls -l\nkill p3 ; ps')) expect(parser.parseSync(text)).not.toBeNull();
  });
});

describe('what layer 1 leaves alone', () => {
  it('English sentences are not taken by layer 1', () => {
    for (const s of ['what is running?', 'create a code-writing agent with Python expertise', 'tell everyone the system is shutting down', "find similar concepts to 'neural networks'"]) {
      expect(parser.parseSync(s)).toBeNull();
    }
  });
  it('a command word with arguments that do not fit is not taken (the usage is kept for the error)', () => {
    expect(parser.parseSync('kill')).toBeNull();
    expect(parser.parseSync('split p3 into many')).toBeNull();
    expect(parser.parseSync('rm -z x')).toBeNull();
    expect(parser.parseSync('kill p3 p4')).toBeNull();
    expect(parser.parseSync('cat a.md > b.md')).toBeNull();
  });
  it('a missing-argument command fails with shell.syntax and its usage once no layer understands it', async () => {
    const p = createParser({ embedder: async () => (await import('../../../src/embed/hash.js')).createHashEmbedder(), layer2Threshold: 2 });
    await expect(p.parse('kill')).rejects.toMatchObject({ code: 'shell.syntax', hint: expect.stringContaining('kill p3') });
  });
});

describe('describeCommand', () => {
  it('shows the syscall and its JSON arguments', () => {
    const c = parser.parseSync('spawn "a poet"') as Command;
    expect(describeCommand(c)).toBe('proc.spawn {"description":"a poet"}');
    expect(describeCommand(parser.parseSync('help ls') as Command)).toBe('help {"topic":"ls"}');
  });
  it('shows the layer and confidence for readings that are not the grammar\'s', () => {
    const c = parser.parseSync('kill p3') as Command;
    expect(describeUnderstanding(c)).toBe('-> proc.kill {"pid":"p3"}');
    expect(describeUnderstanding({ ...c, layer: 2, confidence: 0.8 })).toBe('-> proc.kill {"pid":"p3"}  (layer 2, confidence 0.80)');
  });
});

describe('numbers that do not parse are errors, never dropped (issue 11)', () => {
  // the embedder is never needed: a bad number stops the parse in layer 1
  const lines: [string, RegExp][] = [
    ['wait p1 --timeout abc', /--timeout needs a duration/],
    ['wait p1 --timeout 1e308', /--timeout needs a duration/],
    ['wait p1 --timeout -5', /--timeout needs a duration/],
    ['wait p1 --timeout NaN', /--timeout needs a duration/],
    ['receive -n abc', /-n needs a whole number/],
    ['spawn "x" budget 1e308', /budget needs a whole number/],
    ['spawn "x" budget -5', /budget needs a whole number/],
    ['spawn "x" priority 99', /priority needs a priority 0-19/],
    ['split p3 into 1e9', /split needs a count/],
    ['tree -L abc', /-L needs a whole number/],
    ['audit -n NaN', /-n needs a whole number/],
    ['ps --limit lots', /--limit needs a whole number/],
    ['ps --sort banana', /ps --sort takes pid, name, priority, cpu, tokens/],
  ];
  for (const [line, why] of lines) {
    it(`${line} fails with shell.syntax (${why.source})`, async () => {
      await expect(parser.parse(line)).rejects.toMatchObject({ code: 'shell.syntax', message: expect.stringMatching(why) });
    });
  }
  it('good numbers still parse', async () => {
    expect((await parser.parse('wait p1 --timeout 30s')).args).toEqual({ pid: 'p1', timeoutMs: 30_000 });
    expect((await parser.parse('receive -n 5')).args).toEqual({ max: 5 });
    expect((await parser.parse('spawn "x" budget 5k')).args).toEqual({ description: 'x', budget: 5000 });
  });
});

describe('help and grammar agree', () => {
  it('spawn takes name NAME, as help spawn documents', async () => {
    expect((await parser.parse('spawn "a reviewer" name rev-1')).args).toEqual({ description: 'a reviewer', name: 'rev-1' });
  });
});

describe('the call form', () => {
  it('a syscall name with a JSON object is that call, exactly (every suggestion the shell prints is runnable)', async () => {
    expect(parser.parseSync('proc.kill {"pid":"p3"}')).toMatchObject({ syscall: 'proc.kill', args: { pid: 'p3' }, layer: 1 });
    expect(parser.parseSync('proc.ps')).toMatchObject({ syscall: 'proc.ps', args: {} });
  });
  it('bad JSON or a non-object is shell.syntax, never left to layer 2', async () => {
    await expect(parser.parse('fs.ls {bad')).rejects.toMatchObject({ code: 'shell.syntax' });
    await expect(parser.parse('fs.ls [1]')).rejects.toMatchObject({ code: 'shell.syntax' });
  });
});
