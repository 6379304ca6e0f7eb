import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/** Every UI string lives in both catalogs, and every static key the sources use exists. */
const dir = new URL('.', import.meta.url).pathname;
const src = join(dir, '..');

type Tree = { [key: string]: string | Tree };
const flat = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flat(v, `${prefix}${k}.`)));
/** `list.unread_one` / `_other` are plural forms of `list.unread` (Chinese has only `_other`). */
const base = (keys: string[]) => new Set(keys.map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));
const catalog = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Tree;

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(entry) && !entry.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('inbox i18n catalogs', () => {
  const en = base(flat(catalog('en.json')));
  const zh = base(flat(catalog('zh-CN.json')));

  it('have the same keys in English and Simplified Chinese', () => {
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
  });

  it('contain every key the sources use literally', () => {
    const used = new Set<string>();
    for (const file of sources(src)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
  });
});
