import {
  htmlText,
  htmlToBlocks,
  imageSources,
  type BlocksImageFile,
} from '../../server/src/import/html-to-blocks';
import { isPrivateAddress } from '../../server/src/import/media-address';
import { MediaUnreadable, sniffImage, uploadsPathOf } from '../../server/src/import/media-read';
import { pngBytes } from '../helpers/media';

const file = (url: string): BlocksImageFile => ({
  name: 'x.png',
  alternativeText: null,
  url,
  caption: null,
  width: 1,
  height: 1,
  formats: null,
  hash: 'x',
  ext: '.png',
  mime: 'image/png',
  size: 1,
  previewUrl: null,
  provider: 'local',
  provider_metadata: null,
  createdAt: '2020-01-01T00:00:00.000Z',
  updatedAt: '2020-01-01T00:00:00.000Z',
});

describe('import media guards', () => {
  it('refuses loopback, private, link-local and mapped addresses, and takes public ones', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      'not-an-address',
    ]) {
      expect([address, isPrivateAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8']) {
      expect([address, isPrivateAddress(address)]).toEqual([address, false]);
    }
  });

  it('maps a URL to the uploads folder by its path after wp-content/uploads/, never out of it', () => {
    expect(
      uploadsPathOf(new URL('https://a.example/wp-content/uploads/2020/01/a%20b.png'))
    ).toEqual(['2020', '01', 'a b.png']);
    expect(uploadsPathOf(new URL('https://blog.files.wordpress.com/2008/06/x.jpg'))).toEqual([
      '2008',
      '06',
      'x.jpg',
    ]);
    expect(uploadsPathOf(new URL('https://a.example/images/x.png'))).toBeNull();
    for (const escape of [
      'https://a.example/wp-content/uploads/a%2f..%2f..%2fetc%2fpasswd',
      'https://a.example/wp-content/uploads/%2e%2e%5csecret.png',
      'https://a.example/wp-content/uploads/a/%00.png',
    ]) {
      expect(() => uploadsPathOf(new URL(escape))).toThrow(MediaUnreadable);
    }
  });

  it('knows an image by its bytes, never SVG', () => {
    expect(sniffImage(pngBytes(1, 1))?.mime).toBe('image/png');
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.mime).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('GIF89a...'))?.mime).toBe('image/gif');
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
  });
});

describe('images in the body', () => {
  it('lists each image once with its alternative text', () => {
    expect(
      imageSources(
        '<p><img src="https://a/x.png" alt="X"><img src="https://a/x.png"></p><img src="javascript:alert(1)">'
      )
    ).toEqual([{ src: 'https://a/x.png', alt: 'X' }]);
  });

  it('makes an image with a file an image block after its paragraph, and keeps the others as links', () => {
    const blocks = htmlToBlocks(
      '<p>Look: <a href="https://a/big.png"><img src="https://a/x.png" alt="Sea"></a> and <img src="https://a/y.png" alt="Gone"></p><img src="https://a/x.png">',
      { imageFor: (src) => (src === 'https://a/x.png' ? file('/uploads/x.png') : null) }
    );
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'image', 'image']);
    expect(blocks[1]).toMatchObject({
      type: 'image',
      image: { url: '/uploads/x.png', alternativeText: 'Sea' },
      children: [{ type: 'text', text: '' }],
    });
    // The unreadable image stays a link to it, with its alternative text.
    expect(JSON.stringify(blocks[0])).toContain('"url":"https://a/y.png"');
    expect(JSON.stringify(blocks[0])).not.toContain('big.png');
  });

  it('reads a title with markup as text', () => {
    expect(htmlText('Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>')).toBe(
      'Markup: Title With Markup'
    );
  });
});
