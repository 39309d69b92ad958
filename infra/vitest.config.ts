import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Type-checking the manifests against kubernetes-models' types takes a few seconds on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
