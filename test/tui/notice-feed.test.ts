// The notice feed (src/tui/notice-feed.ts): notices said before the REPL listens are kept (the
// latest ones, capped) and handed to the first listener; later ones go straight through.
import { describe, expect, it } from 'vitest';
import { createNoticeFeed } from '../../src/tui/notice-feed.js';

describe('the notice feed', () => {
  it('keeps notices said before anyone listens, and delivers them first, in order', () => {
    const feed = createNoticeFeed();
    feed.notice('one');
    feed.notice('two');
    const got: string[] = [];
    feed.subscribe((t) => got.push(t));
    feed.notice('three');
    expect(got).toEqual(['one', 'two', 'three']);
  });

  it('keeps only the latest notices while nobody listens, and keeps again after unsubscribe', () => {
    const feed = createNoticeFeed(2);
    for (const t of ['a', 'b', 'c']) feed.notice(t);
    const got: string[] = [];
    const off = feed.subscribe((t) => got.push(t));
    off();
    feed.notice('d');
    expect(got).toEqual(['b', 'c']);
    const later: string[] = [];
    feed.subscribe((t) => later.push(t));
    expect(later).toEqual(['d']);
  });
});
