import { describe, expect, it } from 'vitest';
import {
  CHECK_WIDTH,
  clampWidth,
  DEFAULT_WIDTHS,
  gridTemplate,
  LEAD_COLUMNS,
  readWidths,
  tableWidth,
  writeWidths,
} from './columns';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

describe('lead table columns', () => {
  it('fit a 1,400-pixel window by default: navigation, paddings and a scrollbar leave ~1,140 pixels', () => {
    expect(tableWidth(DEFAULT_WIDTHS)).toBeLessThanOrEqual(1140);
    expect(LEAD_COLUMNS.at(-1)?.id).toBe('created');
  });

  it('lays every column at its width, the last free to grow', () => {
    const template = gridTemplate(DEFAULT_WIDTHS);
    expect(template.split(' ')[0]).toBe(`${CHECK_WIDTH}px`);
    expect(template.endsWith(`minmax(${DEFAULT_WIDTHS.created}px, 1fr)`)).toBe(true);
  });

  it('keeps a width between its smallest and 800 pixels', () => {
    expect(clampWidth('created', 20)).toBe(120);
    expect(clampWidth('email', 5000)).toBe(800);
    expect(clampWidth('email', 333.4)).toBe(333);
  });

  it('remembers widths, and ignores damaged or foreign values', () => {
    const storage = memoryStorage();
    writeWidths(storage, { ...DEFAULT_WIDTHS, email: 400 });
    expect(readWidths(storage).email).toBe(400);
    storage.setItem('fairsend.leads.columnWidths', '{"email":"wide","name":-5,"bogus":1}');
    const read = readWidths(storage);
    expect(read.email).toBe(DEFAULT_WIDTHS.email);
    expect(read.name).toBe(90);
    expect(Object.keys(read)).toEqual(LEAD_COLUMNS.map((c) => c.id));
    storage.setItem('fairsend.leads.columnWidths', 'not json');
    expect(readWidths(storage)).toEqual(DEFAULT_WIDTHS);
    expect(readWidths(undefined)).toEqual(DEFAULT_WIDTHS);
  });
});
