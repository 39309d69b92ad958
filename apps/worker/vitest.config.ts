import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // swc keeps decorator metadata, which Nest's dependency injection needs (esbuild drops it).
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Real sockets (pg, Redis) and Nest's global metadata are safest in separate processes.
    pool: 'forks',
  },
});
