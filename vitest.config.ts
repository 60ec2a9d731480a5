import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    setupFiles: ['test/setup-env.ts'],
    // e2e races build real images; give them room, unit tests stay fast anyway.
    testTimeout: 20_000,
    hookTimeout: 600_000,
  },
});
