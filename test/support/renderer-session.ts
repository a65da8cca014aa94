import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningPreview } from '../../electron/preview/start-preview.ts';
// Brings the renderer's declaration of window.api into the tests' page callbacks.
import type {} from '../../renderer/api.ts';
import { chromiumArgs, findChromium, launchChromium } from '../../packaging/chromium.ts';
import { startTestPreview } from './preview.ts';
import { makeTempDir } from './temp-dir.ts';

// The preview host derives keys with Argon2id at the real cost (~0.5 s per unlock) unless told
// otherwise; these tests set up and unlock many times. Slots record their parameters, so a store
// made with the light cost is merely weak, and only ever lives in a test's temp folder.
process.env.SALW_TEST_FAST_KDF = '1';

/** A person as the set-up form takes them; the first person is always the administrator. */
export interface TestPerson {
  readonly name: string;
  readonly passphrase: string;
}

export const defaultPerson: TestPerson = {
  name: 'Ana Petrović',
  passphrase: 'Kestrel-Harbour-42',
};

export interface SetUpPerson extends TestPerson {
  readonly userId: string;
  readonly recoveryCode: string;
}

export interface CspViolation {
  readonly directive: string;
  readonly blocked: string;
}

declare global {
  interface Window {
    __cspViolations?: CspViolation[];
  }
}

/**
 * Where the page's browser comes from: a shared or own Chromium with a fresh in-memory context
 * (the usual case), or a Chromium of its own on a persistent profile folder, which it writes as a
 * person's browser does (storage, session restore, cache, autofill), for tests that read it.
 */
type BrowserPlan =
  | { readonly kind: 'browser'; readonly browser: Browser; readonly owned: boolean }
  | { readonly kind: 'profile'; readonly profileDir: string };

const viewport = { width: 1200, height: 800 };

/**
 * One person's session with the app in the browser preview: a real preview host (real services,
 * real settings on disk in a fresh data folder) and a Chromium page opened on the printed URL.
 * `restart()` stops the host and starts a new one on the same data folder, as a person would.
 */
export class RendererSession {
  page!: Page;
  preview!: RunningPreview;
  readonly pageErrors: string[] = [];
  private context: BrowserContext | null = null;

  readonly dataDir: string;
  private readonly plan: BrowserPlan;
  private readonly removeDataDir: () => Promise<void>;

  private constructor(plan: BrowserPlan, dataDir: string, removeDataDir: () => Promise<void>) {
    this.plan = plan;
    this.dataDir = dataDir;
    this.removeDataDir = removeDataDir;
  }

  /** The person set up through `setUpPerson`, whom `unlock()` and `restartUnlocked()` use. */
  person: SetUpPerson | undefined;

  /**
   * Opens the app at its session gate (the set-up screen on this fresh data folder); launches a
   * Chromium of its own unless one is passed in.
   */
  static async open(browser?: Browser): Promise<RendererSession> {
    return RendererSession.#openWith({
      kind: 'browser',
      browser: browser ?? (await launchChromium()),
      owned: browser === undefined,
    });
  }

  /**
   * Opens the app at its session gate in a Chromium that keeps its profile in `profileDir` (the
   * caller's folder, left in place), as a person's own browser would; `closeBrowser()` quits it,
   * so everything it keeps is flushed to that folder.
   */
  static openInProfile(profileDir: string): Promise<RendererSession> {
    return RendererSession.#openWith({ kind: 'profile', profileDir });
  }

  static async #openWith(plan: BrowserPlan): Promise<RendererSession> {
    const { dir, remove } = await makeTempDir('renderer');
    const session = new RendererSession(plan, dir, remove);
    await session.start();
    return session;
  }

  /** Opens the app with a person already set up and signed in: the app shell, ready to use. */
  static async openUnlocked(person: TestPerson = defaultPerson): Promise<RendererSession> {
    const session = await RendererSession.open();
    await session.setUpPerson(person);
    return session;
  }

  /**
   * Completes first-run set-up through window.api (not the form, which has tests of its own),
   * reads the recovery code off its sheet and confirms it was kept, then reloads, so the app opens
   * unlocked as that person (the administrator).
   */
  async setUpPerson(person: TestPerson = defaultPerson): Promise<SetUpPerson> {
    const result = await this.page.evaluate(
      async (input) => {
        const setUp = await window.api!.setUp(input);
        if (!setUp.ok) return setUp;
        const sheet = await window.api!.showRecoveryCode();
        if (!sheet.ok) return sheet;
        const confirmed = await window.api!.confirmRecoveryCode();
        if (!confirmed.ok) return confirmed;
        return { ok: true as const, value: { session: setUp.value, sheet: sheet.value } };
      },
      { name: person.name, passphrase: person.passphrase },
    );
    if (!result.ok) throw new Error(`setUp failed: ${JSON.stringify(result.error)}`);
    const currentUser = result.value.session.currentUser;
    if (currentUser === null) throw new Error('setUp left nobody signed in');
    this.person = {
      ...person,
      userId: currentUser.id,
      recoveryCode: result.value.sheet.recoveryCode,
    };
    await this.reloadToShell();
    return this.person;
  }

  /**
   * Signs in as someone else through window.api (locking first if needed) and reloads into the
   * app shell; `unlock()` and `restartUnlocked()` keep using the set-up person.
   */
  async signInAs(person: { readonly userId: string; readonly passphrase: string }): Promise<void> {
    const result = await this.page.evaluate(async (input) => {
      await window.api!.lock();
      return window.api!.unlock(input);
    }, person);
    if (!result.ok) throw new Error(`unlock failed: ${JSON.stringify(result.error)}`);
    await this.reloadToShell();
  }

  /** Unlocks as the set-up person through window.api and reloads into the app shell. */
  async unlock(): Promise<void> {
    const person = this.person;
    if (person === undefined) throw new Error('unlock() needs setUpPerson() first');
    const result = await this.page.evaluate((input) => window.api!.unlock(input), {
      userId: person.userId,
      passphrase: person.passphrase,
    });
    if (!result.ok) throw new Error(`unlock failed: ${JSON.stringify(result.error)}`);
    await this.reloadToShell();
  }

  private async reloadToShell(): Promise<void> {
    await this.page.reload();
    await this.page.getByRole('navigation').first().waitFor();
  }

  private async openContext(): Promise<BrowserContext> {
    if (this.plan.kind === 'browser') return this.plan.browser.newContext({ viewport });
    return chromium.launchPersistentContext(this.plan.profileDir, {
      executablePath: findChromium(),
      args: chromiumArgs,
      headless: true,
      viewport,
    });
  }

  private async start(): Promise<void> {
    this.preview = await startTestPreview(this.dataDir);
    const context = await this.openContext();
    this.context = context;
    // A persistent profile opens with its first tab; a fresh context has none.
    this.page = context.pages()[0] ?? (await context.newPage());
    // Installed before any page script, outside the page's CSP, so every violation is seen.
    await this.page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations?.push({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
        });
      });
    });
    this.page.on('pageerror', (error) => this.pageErrors.push(error.message));
    await this.page.goto(this.preview.url);
    // The session gate, the app, or a start-up failure: each is a main landmark.
    await this.page.getByRole('main').waitFor();
  }

  /** Navigates inside the app the way a person does: by clicking the navigation link. */
  async goTo(linkName: string | RegExp): Promise<void> {
    await this.page.getByRole('navigation').first().getByRole('link', { name: linkName }).click();
  }

  cspViolations(): Promise<CspViolation[]> {
    return this.page.evaluate(() => window.__cspViolations ?? []);
  }

  /** Stops the host and starts a new one on the same data: the app opens at its gate, locked. */
  async restart(): Promise<void> {
    await this.closeBrowser();
    await this.preview.stop();
    await this.start();
  }

  /** A restart, then unlocking as the set-up person: back in the app shell. */
  async restartUnlocked(): Promise<void> {
    await this.restart();
    await this.unlock();
  }

  /** Closes the page's context; on a persistent profile this quits Chromium, which flushes it. */
  async closeBrowser(): Promise<void> {
    const context = this.context;
    this.context = null;
    await context?.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.closeBrowser();
    await this.preview.stop();
    if (this.plan.kind === 'browser' && this.plan.owned) await this.plan.browser.close();
    await this.removeDataDir();
  }
}
