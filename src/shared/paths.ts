import { fileURLToPath } from 'node:url';
import path from 'node:path';

// Both src/shared/ (run through tsx) and dist/shared/ (compiled) sit two levels below the
// package root, so the same relative step finds the data folder in either layout.
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Resolves a path inside the package's `data/` folder. */
export function dataPath(...segments: string[]): string {
  return path.join(packageRoot, 'data', ...segments);
}

/** Resolves a path relative to the package root. */
export function packagePath(...segments: string[]): string {
  return path.join(packageRoot, ...segments);
}
