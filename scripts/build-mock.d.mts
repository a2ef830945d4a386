// Types of scripts/build-mock.mjs (plain JS: `npm start` runs it with node before any TypeScript loader).
import type { BuildOptions } from 'esbuild';

export const mockBuildOptions: BuildOptions;
export const mockNodeArgs: string[];
export function buildMock(entry?: string, outfile?: string): Promise<void>;
