import { describe, expect, it } from 'vitest';
import { detectImageType } from '../../../../electron/store/image-type.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

describe('detectImageType', () => {
  it('recognises JPEG by FF D8 FF', () => {
    expect(detectImageType(bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46))).toBe(
      'image/jpeg',
    );
    expect(detectImageType(bytes(0xff, 0xd8, 0xff, 0xe1))).toBe('image/jpeg');
  });

  it('recognises PNG by its 8-byte signature', () => {
    expect(
      detectImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13)),
    ).toBe('image/png');
  });

  it('recognises WebP as RIFF <size> WEBP', () => {
    expect(detectImageType(ascii('RIFF\x24\x00\x00\x00WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses anything else, whatever its name would claim', () => {
    expect(detectImageType(ascii('serial number AK-47 123456\n'))).toBeNull();
    expect(detectImageType(ascii('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectImageType(ascii('GIF89a\x01\x00\x01\x00'))).toBeNull();
    expect(detectImageType(ascii('%PDF-1.7\n'))).toBeNull();
    expect(detectImageType(ascii('RIFF\x24\x00\x00\x00WAVEfmt '))).toBeNull();
    // A PNG signature with one byte wrong (the DOS line-ending check) is not a PNG.
    expect(detectImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0d, 0x1a, 0x0a))).toBeNull();
  });

  it('refuses inputs too short to hold a signature', () => {
    expect(detectImageType(new Uint8Array())).toBeNull();
    expect(detectImageType(bytes(0xff, 0xd8))).toBeNull();
    expect(detectImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBeNull();
    expect(detectImageType(ascii('RIFF\x24\x00\x00\x00WEB'))).toBeNull();
  });
});
