import { bindingKinds } from '../../server/src/db/prepared-reads';

describe('bindingKinds (db/prepared-reads.ts)', () => {
  it('reads `??` as an identifier and `?` as a value, in order', () => {
    expect(bindingKinds('SELECT ?? AS ?? FROM ?? WHERE ?? IN (?, ?) AND ?? = ?')).toEqual([
      'identifier',
      'identifier',
      'identifier',
      'identifier',
      'value',
      'value',
      'identifier',
      'value',
    ]);
  });

  it('binds nothing to an escaped question mark, as knex does', () => {
    expect(bindingKinds("SELECT ?? FROM ?? WHERE ?? = '\\?' AND ?? = ?")).toEqual([
      'identifier',
      'identifier',
      'identifier',
      'identifier',
      'value',
    ]);
  });

  it('has no binding for a text without marks', () => {
    expect(bindingKinds('SELECT 1')).toEqual([]);
  });
});
