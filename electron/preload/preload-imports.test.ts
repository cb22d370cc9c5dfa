import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/ipc/channels';
import { CHANNELS } from '../../shared/ipc/contract';

/** Every module the preload pulls in at run time (type-only imports are erased by the build). */
function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/^import\s+(?!type\b)[^'"]*['"]([^'"]+)['"]/gm)) {
    const spec = match[1] ?? '';
    if (spec.startsWith('.')) {
      const path = resolve(dirname(file), `${spec}.ts`);
      if (!seen.has(path)) {
        seen.add(path);
        runtimeImports(path, seen);
      }
    } else {
      seen.add(spec);
    }
  }
  return seen;
}

describe('the sandboxed preload', () => {
  it('requires no package but electron (a sandboxed preload cannot load node_modules)', () => {
    const packages = [...runtimeImports(resolve(import.meta.dirname, 'index.ts'))].filter(
      (s) => !s.startsWith('/'),
    );
    expect(packages).toEqual(['electron']);
  });

  it('allows exactly the contract channels', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual([...CHANNELS].sort());
  });
});
