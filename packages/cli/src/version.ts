/** The version of the `payplan` package: its package.json is one folder up both from src/ and, in the published package, from dist/. */
import { readFileSync } from 'node:fs';

export function version(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
