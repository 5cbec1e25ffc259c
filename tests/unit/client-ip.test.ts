import {
  canonicalIp,
  clientIp,
  ipNetworkKey,
  type AddressSource,
} from '../../server/src/utils/client-ip';

describe('canonicalIp: one text per address', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    [' 192.0.2.7 ', '192.0.2.7'],
    ['192.000.002.007', '192.0.2.7'],
    ['010.0.0.1', '10.0.0.1'],
    ['192.0.2.7:51234', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['::FFFF:192.0.2.7', '192.0.2.7'],
    ['0:0:0:0:0:ffff:c000:0207', '192.0.2.7'],
    ['[::ffff:192.0.2.7]:443', '192.0.2.7'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:0:0:0:1', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['[2001:db8::1]:8080', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2:3:4:5:6'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['::1.2.3.4', '::102:304'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalIp(input)).toBe(expected);
  });

  it.each([
    '',
    'unknown',
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '1.2.3.-4',
    '0x7f.0.0.1',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    '12345::1',
    ':1:2:3:4:5:6:7',
    '::1.2.3.256',
    '[::1',
    '[::1]x',
    'a'.repeat(10000),
    '1.'.repeat(5000),
    ':'.repeat(10000),
  ])('%s is not an address', (input) => {
    expect(canonicalIp(input)).toBeNull();
  });
});

describe('ipNetworkKey: what the flood limit counts', () => {
  it('keys IPv4 by the address', () => {
    expect(ipNetworkKey('192.0.2.7')).toBe('192.0.2.7');
    expect(ipNetworkKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(ipNetworkKey('192.0.2.8')).not.toBe(ipNetworkKey('192.0.2.7'));
  });

  it('keys every address of one IPv6 /64 the same, in any spelling', () => {
    const keys = [
      '2001:db8:1:2::1',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0DB8:0001:0002:0000:0000:0000:0042',
      '[2001:db8:1:2:a:b:c:d]:443',
    ].map(ipNetworkKey);
    expect(new Set(keys)).toEqual(new Set(['2001:db8:1:2::/64']));
  });

  it('tells different /64s apart', () => {
    expect(ipNetworkKey('2001:db8:1:3::1')).not.toBe(ipNetworkKey('2001:db8:1:2::1'));
    expect(ipNetworkKey('2001:db8::1')).toBe('2001:db8::/64');
  });
});

describe('clientIp: the address the proxy settings allow', () => {
  const source = (overrides: Partial<AddressSource>): AddressSource => ({
    proxy: true,
    maxIpsCount: 0,
    ips: [],
    ip: '',
    remoteAddress: '127.0.0.1',
    ...overrides,
  });

  it('behind a proxy without maxIpsCount, takes the rightmost entry, which the proxy wrote', () => {
    const forged = ['203.0.113.1', '203.0.113.2', '198.51.100.7'];
    expect(clientIp(source({ ips: forged, ip: forged[0] }))).toBe('198.51.100.7');
    expect(clientIp(source({ ips: ['198.51.100.7'], ip: '198.51.100.7' }))).toBe('198.51.100.7');
  });

  it('with maxIpsCount, takes Koa’s choice', () => {
    expect(
      clientIp(source({ maxIpsCount: 2, ips: ['10.0.0.9', '198.51.100.7'], ip: '10.0.0.9' }))
    ).toBe('10.0.0.9');
  });

  it('without a proxy, takes the socket’s address (Koa’s ip), canonical', () => {
    expect(
      clientIp(
        source({ proxy: false, ips: [], ip: '::ffff:127.0.0.1', remoteAddress: '::ffff:127.0.0.1' })
      )
    ).toBe('127.0.0.1');
  });

  it('falls back to the socket when the header holds no address', () => {
    expect(clientIp(source({ ips: ['bogus'], ip: 'bogus', remoteAddress: '::1' }))).toBe('::1');
    expect(clientIp(source({ ips: [], ip: '', remoteAddress: '::1' }))).toBe('::1');
    expect(clientIp(source({ ips: ['bogus'], ip: 'bogus', remoteAddress: undefined }))).toBeNull();
  });
});
