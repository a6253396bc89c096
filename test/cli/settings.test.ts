// Settings precedence (flags > NLSH_* env > file > defaults) and the config command through conf.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runConfig } from '../../src/cli/config.js';
import { configDir, resolveSettings } from '../../src/cli/settings.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'nlsh-cfg-'));
  dirs.push(d);
  return d;
};
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('settings', () => {
  it('defaults: glove, no model, 1000 lines of history', () => {
    const s = resolveSettings({ home: tmp() }, {});
    expect(s).toMatchObject({ embedder: 'glove', model: undefined, ollamaHost: undefined, historySize: 1000 });
  });

  it('file < env < flag', () => {
    const home = tmp();
    writeFileSync(join(home, 'config.json'), JSON.stringify({ embedder: 'hash', model: 'file-model', historySize: 5 }));
    expect(resolveSettings({ home }, {})).toMatchObject({ embedder: 'hash', model: 'file-model', historySize: 5 });
    expect(resolveSettings({ home }, { NLSH_MODEL: 'env-model' }).model).toBe('env-model');
    expect(resolveSettings({ home, model: 'flag-model' }, { NLSH_MODEL: 'env-model' }).model).toBe('flag-model');
  });

  it('OLLAMA_HOST is used when NLSH_OLLAMA_HOST is not set, and hosts are normalised to URLs', () => {
    const home = tmp();
    expect(resolveSettings({ home }, { OLLAMA_HOST: 'gpu-box:11434' }).ollamaHost).toBe('http://gpu-box:11434');
    expect(resolveSettings({ home }, { OLLAMA_HOST: 'a:1', NLSH_OLLAMA_HOST: 'http://b:2' }).ollamaHost).toBe('http://b:2');
  });

  it('an invalid value fails with config.invalid and exit code 2', () => {
    expect(() => resolveSettings({ home: tmp(), embedder: 'word2vec' }, {})).toThrow(expect.objectContaining({ code: 'config.invalid', exitCode: 2 }));
  });

  it('a broken config file fails with config.broken', () => {
    const home = tmp();
    writeFileSync(join(home, 'config.json'), '{nope');
    expect(() => resolveSettings({ home }, {})).toThrow(expect.objectContaining({ code: 'config.broken' }));
  });

  it('the config directory is the home when given, else NLSH_HOME, else XDG_CONFIG_HOME/nlsh', () => {
    expect(configDir('/h', { NLSH_HOME: '/e', XDG_CONFIG_HOME: '/x' })).toBe('/h');
    expect(configDir(undefined, { NLSH_HOME: '/e', XDG_CONFIG_HOME: '/x' })).toBe('/e');
    expect(configDir(undefined, { XDG_CONFIG_HOME: '/x' })).toBe('/x/nlsh');
  });
});

describe('config command', () => {
  it('set writes the file through conf, get reads the effective value, unset removes it', async () => {
    const home = tmp();
    await runConfig('set', 'historySize', '50', { home }, {});
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'))).toEqual({ historySize: 50 });
    expect((await runConfig('get', 'historySize', undefined, { home }, {})).value).toBe(50);
    await runConfig('unset', 'historySize', undefined, { home }, {});
    expect((await runConfig('get', 'historySize', undefined, { home }, {})).value).toBe(1000);
  });

  it('list names where each value comes from', async () => {
    const home = tmp();
    await runConfig('set', 'model', 'm', { home }, {});
    const a = await runConfig('list', undefined, undefined, { home, embedder: 'hash' }, { NLSH_OLLAMA_HOST: 'http://h:1' });
    expect(a.lines.join('\n')).toMatch(/^model\s+m\s+\(file\)$/m);
    expect(a.lines.join('\n')).toMatch(/^embedder\s+hash\s+\(flag\)$/m);
    expect(a.lines.join('\n')).toMatch(/^ollamaHost\s+http:\/\/h:1\s+\(env\)$/m);
  });

  it('an unknown key or action is a usage error', async () => {
    await expect(runConfig('get', 'colour', undefined, { home: tmp() }, {})).rejects.toMatchObject({ code: 'config.unknownKey', exitCode: 2 });
    await expect(runConfig('frob', undefined, undefined, { home: tmp() }, {})).rejects.toMatchObject({ code: 'config.usage', exitCode: 2 });
  });

  it('path is config.json in the config directory', async () => {
    const home = tmp();
    expect((await runConfig('path', undefined, undefined, { home }, {})).value).toBe(join(home, 'config.json'));
  });
});
