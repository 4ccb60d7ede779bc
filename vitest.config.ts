import { defineConfig } from 'vitest/config';
import './test/node20Polyfills.js';

export default defineConfig({
  test: {
    include: ['properties/**/*.property.ts', 'test/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // Claims are CPU-bound; one worker per core keeps the Monte Carlo claims from starving each other.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
