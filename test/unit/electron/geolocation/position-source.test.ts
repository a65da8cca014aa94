import { describe, expect, it } from 'vitest';
import {
  positionErrorReason,
  positionSourceFromTestEnv,
} from '../../../../electron/geolocation/position-source.ts';
import {
  whileGranted,
  temporarilyGranted,
} from '../../../../electron/security/temporary-permissions.ts';
import { permissionDecision } from '../../../../electron/security/permission-policy.ts';
import { APP_ORIGIN } from '../../../../electron/security/app-origin.ts';

describe('the position port', () => {
  it('offers nothing in the preview unless a test fixes a position', async () => {
    const none = positionSourceFromTestEnv(undefined);
    expect(await none.offered()).toBe(false);
    expect(await none.current()).toEqual({ kind: 'unavailable', reason: 'notOffered' });

    const fixed = positionSourceFromTestEnv('44.8125, 20.4612, 25');
    expect(await fixed.offered()).toBe(true);
    expect(await fixed.current()).toMatchObject({
      kind: 'position',
      lat: 44.8125,
      lon: 20.4612,
      accuracyM: 25,
    });
    expect(() => positionSourceFromTestEnv('95,20,5')).toThrow(/SALW_TEST_POSITION/);
  });

  it("reads the browser's refusal apart from no fix", () => {
    expect(positionErrorReason(1)).toBe('denied');
    expect(positionErrorReason(2)).toBe('noFix');
    expect(positionErrorReason(3)).toBe('noFix');
  });

  it('lets the page use geolocation only while main reads a position', async () => {
    const page = `${APP_ORIGIN}/index.html`;
    expect(permissionDecision('geolocation', page, [APP_ORIGIN], temporarilyGranted())).toBe(
      'deny',
    );
    const during = await whileGranted('geolocation', () =>
      Promise.resolve(permissionDecision('geolocation', page, [APP_ORIGIN], temporarilyGranted())),
    );
    expect(during).toBe('grant');
    // Never for another origin, even then.
    const elsewhere = await whileGranted('geolocation', () =>
      Promise.resolve(
        permissionDecision(
          'geolocation',
          'https://example.org/',
          [APP_ORIGIN],
          temporarilyGranted(),
        ),
      ),
    );
    expect(elsewhere).toBe('deny');
    expect(permissionDecision('geolocation', page, [APP_ORIGIN], temporarilyGranted())).toBe(
      'deny',
    );
  });
});
