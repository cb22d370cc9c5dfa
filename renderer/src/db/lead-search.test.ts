import { describe, expect, it } from 'vitest';
import { searchRanges } from './lead-search';

describe('searchRanges', () => {
  it('looks for a word in names, last names, companies, addresses and domains, in that order', () => {
    expect(searchRanges('  Khán ')).toEqual([
      { field: 'nameKey', prefix: 'khan' },
      { field: 'lastNameKey', prefix: 'khan' },
      { field: 'companyKey', prefix: 'khan' },
      { field: 'id', prefix: 'khán' },
      { field: 'domainKey', prefix: 'khán' },
    ]);
  });
  it('reads words with a space as a name or a company', () => {
    expect(searchRanges('Emma  K').map((r) => r.field)).toEqual(['nameKey', 'lastNameKey', 'companyKey']);
    expect(searchRanges('Emma  K')[0]?.prefix).toBe('emma k');
  });
  it('reads text with an "@" as an address, or as a domain when it starts with one', () => {
    expect(searchRanges('Emma@Acme')).toEqual([{ field: 'id', prefix: 'emma@acme' }]);
    expect(searchRanges('@ACME.com')).toEqual([{ field: 'domainKey', prefix: 'acme.com' }]);
    expect(searchRanges('@')).toEqual([]);
    expect(searchRanges('@a@b')).toEqual([]);
  });
  it('finds nothing to look for in blank text', () => {
    expect(searchRanges('   ')).toEqual([]);
  });
});
