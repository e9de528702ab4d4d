import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests wait on real TTLs, reconnects and pub/sub delivery.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
