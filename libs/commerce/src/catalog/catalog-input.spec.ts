import { describe, expect, it } from '@jest/globals';
import { parseCsv } from './csv.js';
import { linkAllowed, normaliseHost } from './link-policy.js';
import { normaliseAmount, parseAmount } from './money.js';
import { csvHeader, csvRowBody, parseProduct, Problems } from './product-input.js';
import { cjkBigrams, planSearch } from './search-query.js';

describe('csv', () => {
  it('parses quotes, escaped quotes, embedded newlines, CRLF and a BOM, with the line each row starts on', () => {
    const { rows, error } = parseCsv('\uFEFFsku,title\r\nA,"Bag, ""gold"""\r\nB,"two\nlines"\nC,plain\n');
    expect(error).toBeNull();
    expect(rows).toEqual([
      { line: 1, cells: ['sku', 'title'] },
      { line: 2, cells: ['A', 'Bag, "gold"'] },
      { line: 3, cells: ['B', 'two\nlines'] },
      { line: 5, cells: ['C', 'plain'] },
    ]);
  });
  it('reports an unclosed quote', () => {
    expect(parseCsv('a,b\n1,"open').error).toBe('line 2: a quoted cell is not closed');
  });
});

describe('link policy', () => {
  const hosts = ['shop.example.com', '*.cdn.example.com'];
  it.each([
    ['https://shop.example.com/p/1', true],
    ['http://SHOP.example.com/', true],
    ['https://img.cdn.example.com/a.jpg', true],
    ['https://cdn.example.com/a.jpg', false],
    ['https://shop.example.com.evil.test/', false],
    ['https://shop.example.com@evil.test/', false],
    ['https://user:pw@shop.example.com/', false],
    ['javascript:alert(1)', false],
    ['ftp://shop.example.com/', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => expect(linkAllowed(url, hosts)).toBe(ok));
  it('normalises host entries and refuses URLs, ports and paths', () => {
    expect(normaliseHost(' Shop.Example.com. ')).toBe('shop.example.com');
    expect(normaliseHost('*.example.com')).toBe('*.example.com');
    for (const bad of ['https://x.com', 'x.com:443', 'x.com/p', '*', '', 42]) expect(normaliseHost(bad)).toBeNull();
  });
});

describe('money', () => {
  it('keeps decimals as strings with at least two places', () => {
    expect(parseAmount('1290')).toBe('1290.00');
    expect(parseAmount(699.5)).toBe('699.50');
    expect(parseAmount('9.9950')).toBe('9.995');
    expect(normaliseAmount('1290.0000')).toBe('1290.00');
    for (const bad of ['-1', '1e3', '1.23456', 'abc', '', null, Number.NaN]) expect(parseAmount(bad)).toBeNull();
  });
});

describe('product input', () => {
  it('lists every problem with its field path', () => {
    const p = new Problems();
    parseProduct(p, { sku: 'A', price: { amount: 'x', currency: 'eur' }, stock: -1, url: 'https://evil.test/', variants: [{ sku: 'V' }, { sku: 'V', title: 't' }], extra: 1 }, ['shop.example.com'], null, 'row 3');
    expect(p.list.map((e) => e.field)).toEqual([
      'row 3.extra', 'row 3.title', 'row 3.price.amount', 'row 3.price.currency', 'row 3.stock', 'row 3.url', 'row 3.variants[0].title', 'row 3.variants[1].sku',
    ]);
  });
  it('merges a partial update onto the current product', () => {
    const p = new Problems();
    const current = parseProduct(p, { sku: 'A', title: 'Bag', price: { amount: '10', currency: 'EUR' }, stock: 2 }, []);
    const next = parseProduct(p, { stock: null }, [], current);
    expect(p.list).toEqual([]);
    expect(next).toMatchObject({ sku: 'A', title: 'Bag', price: { amount: '10.00', currency: 'EUR' }, stock: null });
  });
  it('maps CSV rows to product bodies and flags unknown columns', () => {
    const p = new Problems();
    const names = csvHeader(p, ['sku', 'Title', 'price', 'currency', 'stock', 'image_url', 'attributes']);
    expect(p.list).toEqual([]);
    expect(csvRowBody(p, 'row 1', names, ['A', 'Bag', '10', 'EUR', '3', '', '{"colour":"gold"}'])).toEqual({ sku: 'A', title: 'Bag', price: { amount: '10', currency: 'EUR' }, stock: 3, attributes: { colour: 'gold' } });
    csvHeader(p, ['sku', 'colour']);
    expect(p.list.map((e) => e.field)).toEqual(['header.colour', 'header']);
  });
});

describe('search plan', () => {
  it('treats the last word as a prefix, CJK as a substring, and escapes LIKE metacharacters', () => {
    expect(planSearch('  kelly   go ')).toEqual({ kind: 'fulltext', head: 'kelly', prefix: 'go:*', raw: 'kelly go' });
    expect(planSearch('"silk scarf" -rose')).toEqual({ kind: 'fulltext', head: '"silk scarf" -rose', prefix: '', raw: '"silk scarf" -rose' });
    expect(planSearch('丝巾')).toEqual({ kind: 'substring', pattern: '%丝巾%' });
    expect(planSearch('100%_丝')).toEqual({ kind: 'substring', pattern: '%100\\%\\_丝%' });
    expect(planSearch('   ')).toEqual({ kind: 'none' });
  });
  it('cuts CJK questions into two-character pieces', () => {
    expect(cjkBigrams('有那款丝巾吗? bag 包')).toEqual(['有那', '那款', '款丝', '丝巾', '巾吗', '包']);
  });
});
