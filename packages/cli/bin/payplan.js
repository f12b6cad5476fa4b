#!/usr/bin/env node
// Runs the CLI from its TypeScript sources (tsx compiles them on the fly; Node 20 has no type stripping).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
