import { defineConfig } from 'vitest/config';

// Test tiers are named by file suffix (conventions.md habit 8); `npm test` runs them in order.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['**/*.unit.test.ts'], exclude: ['node_modules/**'] } },
      { test: { name: 'api', include: ['**/*.api.test.ts'], exclude: ['node_modules/**'], testTimeout: 30_000 } },
      { test: { name: 'spec', include: ['**/*.spec.test.ts'], exclude: ['node_modules/**'], testTimeout: 120_000, hookTimeout: 120_000 } },
      { test: { name: 'pact', include: ['**/*.pact.test.ts'], exclude: ['node_modules/**'], testTimeout: 60_000, fileParallelism: false } },
      { test: { name: 'e2e', include: ['**/*.e2e.test.ts'], exclude: ['node_modules/**'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
      { test: { name: 'ops', include: ['**/*.ops.test.ts'], exclude: ['node_modules/**'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
