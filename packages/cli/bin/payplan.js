#!/usr/bin/env node
// The workspace's `payplan`: runs the CLI from its TypeScript sources (tsx compiles them on the fly;
// Node 20 has no type stripping). The published package runs the bundle `build.mjs` writes instead.
import { register } from 'tsx/esm/api';

register();
await import('../src/entry.ts');
