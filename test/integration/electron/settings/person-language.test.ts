import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';

describe("each person's language on a shared laptop", () => {
  let app: DispatchedApp;
  let first: { userId: string; passphrase: string };
  let second: { userId: string; passphrase: string };

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'person-language' });
    const admin = await setUpFirstPerson(app);
    first = { userId: admin.user.id, passphrase: admin.passphrase };
    const passphrase = goodPassphrase('second');
    const person = await app.ok('addPerson', {
      name: 'Driton Krasniqi',
      role: 'field_officer',
      passphrase,
    });
    second = { userId: person.id, passphrase };
  });

  afterAll(async () => {
    await app?.close();
  });

  const language = async () => (await app.ok('getSettings')).language;

  it("puts back the language each person chose when they sign in, the last one's at the gate", async () => {
    await app.ok('updateSettings', { language: 'mk' });

    await app.ok('lock');
    await app.ok('unlock', second);
    // The second person never chose: the laptop stays as the first person left it.
    expect(await language()).toBe('mk');
    await app.ok('updateSettings', { language: 'sq' });

    await app.ok('lock');
    // The unlock screen speaks the last person's language...
    expect(await language()).toBe('sq');
    await app.ok('unlock', first);
    // ...and the first person gets theirs back, told to the screens as a settings change.
    expect(await language()).toBe('mk');
    expect(app.events.filter(({ event }) => event === 'settingsChanged').at(-1)?.payload).toEqual(
      expect.objectContaining({ language: 'mk' }),
    );

    await app.ok('lock');
    await app.ok('unlock', second);
    expect(await language()).toBe('sq');
  });

  it('keeps a choice made at the unlock screen for the laptop, not for anybody', async () => {
    await app.ok('lock');
    await app.ok('updateSettings', { language: 'fr' });
    await app.ok('unlock', first);
    // Nobody was signed in to own "fr": the first person's own choice comes back.
    expect(await language()).toBe('mk');
  });
});
