import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'renderer/**/*.test.ts',
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'server/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    server: { deps: { inline: ['electron-store'] } },
    testTimeout: 20_000,
  },
});
