import { readFileSync } from 'node:fs';

/** The exact bytes of a fixture, as Meta would POST them (signatures are computed over these). */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(new URL(`./${name}.json`, import.meta.url));
}
