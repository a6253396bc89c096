import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // Ink renders only a final frame when it sees CI set; the frame tests render live to a fake
    // terminal. (The CLI lifts this itself for a real terminal: test/e2e/top-tmux.test.ts runs
    // nlsh with CI=true to prove it.)
    env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
  },
});
