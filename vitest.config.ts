import { defineConfig } from 'vitest/config';

// Two projects: pure Node unit tests, and database tests on fake-indexeddb.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'db',
          include: ['test/db/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/db/setup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
