// The live `top` (tui layer): samples the kernel every refresh (unless paused), follows the
// terminal's size, maps keys through the top-state reducer and carries out the resulting
// syscalls through the caller's dispatch (so they are permission-checked and audited).
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { useApp, useInput, useStdout } from 'ink';
import { TopSampler, type TopSnapshot, type TopSource } from './top-sampler.js';
import { initialState, reduceKey, visibleRows, type TopAction } from './top-state.js';
import { TopView } from './TopView.js';

export type TopDispatch = (name: string, args: Record<string, unknown>) => Promise<unknown>;

export interface TopAppProps {
  source: TopSource;
  dispatch: TopDispatch;
  refreshMs: number;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  width?: number;
  height?: number;
  onExit?: () => void;
}

function useTerminalSize(fixedW?: number, fixedH?: number): [number, number] {
  const { stdout } = useStdout();
  // One line short of the terminal: a frame as tall as the screen makes Ink clear the whole
  // terminal on every refresh (flicker, and scrollback filling up) instead of redrawing in place.
  const read = (): [number, number] => [fixedW ?? Math.max(80, stdout.columns || 80), fixedH ?? Math.max(23, (stdout.rows || 24) - 1)];
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixedW !== undefined && fixedH !== undefined) return;
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixedW, fixedH]);
  return size;
}

export function TopApp({ source, dispatch, refreshMs, width, height, onExit }: TopAppProps): React.ReactElement {
  const app = useApp();
  const samplerRef = useRef<TopSampler | null>(null);
  if (samplerRef.current === null) samplerRef.current = new TopSampler(source);
  const [snap, setSnap] = useState<TopSnapshot>(() => samplerRef.current!.sample());
  const [state, setState] = useState(initialState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const [w, h] = useTerminalSize(width, height);

  useEffect(() => {
    const sampler = samplerRef.current!;
    const timer = setInterval(() => {
      if (!stateRef.current.paused) setSnap(sampler.sample());
    }, refreshMs);
    return () => {
      clearInterval(timer);
      sampler.close();
    };
  }, [refreshMs]);

  const run = useCallback(
    (action: TopAction) => {
      if (action.kind === 'quit') {
        onExit?.();
        app.exit();
        return;
      }
      if (action.kind !== 'syscall') return;
      dispatch(action.name, action.args).then(
        () => {
          setState((s) => ({ ...s, status: `${action.name.slice(5)} ${action.args.pid}: done` }));
          setSnap(samplerRef.current!.sample());
        },
        (err: unknown) => {
          const msg = err instanceof Error ? err.message : String(err);
          setState((s) => ({ ...s, status: `${action.name} failed: ${msg}` }));
        },
      );
    },
    [app, dispatch, onExit],
  );

  useInput((input, key) => {
    const rows = snap.processes;
    const [next, action] = reduceKey(stateRef.current, { input, ...key }, rows, Math.max(1, h - 14));
    const visible = visibleRows(rows, next);
    const clamped = visible.length ? Math.min(next.selected, visible.length - 1) : 0;
    setState(clamped === next.selected ? next : { ...next, selected: clamped });
    run(action);
  });

  return <TopView snap={snap} state={state} width={w} height={h} refreshMs={refreshMs} />;
}
