import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../../../server/server-config.ts';

describe('readServerConfig', () => {
  it('starts on loopback with embedded storage when nothing is set', () => {
    const config = readServerConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8443);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('./salw-server-data');
    // The photo key then lives in the data dir (created on first start).
    expect(config.filesKeyFile).toBeUndefined();
  });

  it('takes the photo key file from SALW_FILES_KEY_FILE', () => {
    expect(readServerConfig({ SALW_FILES_KEY_FILE: '/run/secrets/salw-files.key' })).toMatchObject({
      filesKeyFile: '/run/secrets/salw-files.key',
    });
  });

  it('uses PostgreSQL when DATABASE_URL is a postgres URL', () => {
    const config = readServerConfig({
      DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
      SALW_SERVER_PORT: '9000',
    });
    expect(config.databaseUrl).toBe('postgres://root@127.0.0.1:5432/test');
    expect(config.port).toBe(9000);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, naming the variable', () => {
    expect(() => readServerConfig({ DATABASE_URL: 'mysql://localhost/db' })).toThrow(
      /DATABASE_URL/,
    );
  });

  it('refuses half a TLS configuration', () => {
    expect(() => readServerConfig({ SALW_TLS_CERT_FILE: '/tmp/cert.pem' })).toThrow(/both/);
  });

  it('refuses a port outside 0-65535', () => {
    expect(() => readServerConfig({ SALW_SERVER_PORT: '70000' })).toThrow();
  });
});
