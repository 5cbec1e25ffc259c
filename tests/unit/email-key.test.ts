import { emailKey } from '../../server/src/moderation/email-key';

describe('emailKey: one flood key per mailbox', () => {
  it.each([
    'victim@example.com',
    'Victim@Example.COM',
    ' victim@example.com ',
    'victim+1@example.com',
    'victim+comments+blog@example.com',
    'victim@example.com.',
    'victim@example.com...',
    'VICTIM+x@EXAMPLE.COM.',
    'ｖｉｃｔｉｍ@example.com',
  ])('%s → victim@example.com', (input) => {
    expect(emailKey(input)).toBe('victim@example.com');
  });

  it.each([
    'victim@gmail.com',
    'v.i.c.t.i.m@gmail.com',
    'Vic.Tim@GMail.com',
    'victim+blog@gmail.com',
    'vic.tim+blog@googlemail.com',
    'victim@googlemail.com.',
  ])('%s → victim@gmail.com (one Gmail mailbox)', (input) => {
    expect(emailKey(input)).toBe('victim@gmail.com');
  });

  it('keeps the dots where they make another mailbox', () => {
    expect(emailKey('vic.tim@example.com')).toBe('vic.tim@example.com');
    expect(emailKey('vic.tim@example.com')).not.toBe(emailKey('victim@example.com'));
  });

  it('tells different people apart', () => {
    expect(emailKey('victim2@example.com')).not.toBe(emailKey('victim@example.com'));
    expect(emailKey('victim@example.org')).not.toBe(emailKey('victim@example.com'));
  });

  it('folds an internationalized domain to its ASCII form', () => {
    expect(emailKey('a@bücher.example')).toBe('a@xn--bcher-kva.example');
    expect(emailKey('a@xn--bcher-kva.example')).toBe('a@xn--bcher-kva.example');
  });

  it('keeps a leading plus, and a text without @, as they are', () => {
    expect(emailKey('+tag@example.com')).toBe('+tag@example.com');
    expect(emailKey('no-at-sign')).toBe('no-at-sign');
  });

  it('is linear on long input', () => {
    const long = `${'a.'.repeat(50000)}+${'b'.repeat(50000)}@gmail.com${'.'.repeat(50000)}`;
    expect(emailKey(long)).toBe(`${'a'.repeat(50000)}@gmail.com`);
  });
});
