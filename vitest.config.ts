import { defineConfig } from 'vitest/config';

/**
 * All Node-run test tiers in one run, so one summary line can count them all
 * (test/support/summary-reporter.ts). The renderer tier drives Debian's Chromium against the
 * browser preview; the electron tier needs a real Electron binary and skips without one.
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Vitest's default is one worker less than the cores: one on our 2-core machines. The
    // integration tier waits on servers, child processes and timers more than it computes; two
    // files at a time took it from 461 to 329 s (three: slower again, and timing tests failed).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.ts'],
          // expect.poll's own default (1 s) is shorter than a page takes to answer on a loaded
          // 2-core machine; a poll that times out fails the test, so the wait costs nothing else.
          expect: { poll: { timeout: 15_000 } },
          environment: 'node',
          globalSetup: [
            './test/support/renderer-build-setup.ts',
            './test/support/console-build-setup.ts',
          ],
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'electron',
          include: ['test/electron/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
