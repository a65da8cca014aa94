import { describe, expect, it } from 'vitest';
import { acceptsGzip } from '../../../../server/http/json-reply.ts';

describe('acceptsGzip', () => {
  it('takes gzip when the client lists it, or anything, without refusing it', () => {
    expect(acceptsGzip('gzip, deflate')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
  });

  it('sends plain JSON when the client does not list gzip or refuses it with q=0', () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('deflate, br')).toBe(false);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip; q=0.0')).toBe(false);
  });
});
