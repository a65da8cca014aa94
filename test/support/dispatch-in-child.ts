/**
 * Run by a test in a child process (`node test/support/dispatch-in-child.ts '<json>'`), usually as
 * an unprivileged user: root ignores permission bits, so a read-only data folder only refuses
 * writes to a process that is not root. It composes the same services as the app on the given data
 * folder, sends the calls through the real dispatcher as the renderer would, and prints one JSON
 * line: `{ "results": [...] }`, one IpcResult per call.
 */
import { composeMainServices } from '../../electron/compose-main-services.ts';
import { createDispatcher } from '../../electron/ipc/dispatcher.ts';
import { fastTestCost } from '../../electron/keys/kdf.ts';
import { unavailableKeychain } from '../../electron/keys/os-keychain.ts';
import { silentLogger } from '../../electron/logging/logger.ts';
import { createNodeSettingsBacking } from '../../electron/settings/node-settings-backing.ts';

export interface ChildRequest {
  readonly dataDir: string;
  readonly calls: ReadonlyArray<{ readonly procedure: string; readonly input?: unknown }>;
}

async function main(request: ChildRequest): Promise<void> {
  const services = await composeMainServices({
    environment: {
      name: 'SALW Field',
      version: '0.0.0-test',
      dataDirectory: request.dataDir,
      platform: process.platform,
      arch: process.arch,
      runtime: { kind: 'browser-preview', node: process.versions.node },
    },
    settingsBacking: createNodeSettingsBacking(request.dataDir),
    keychain: unavailableKeychain,
    kdfCost: { passphrase: fastTestCost, recovery: fastTestCost },
    events: { emit: () => undefined },
    log: silentLogger,
  });
  const dispatch = createDispatcher({
    handlers: services.handlers,
    trustedOrigins: ['app://app'],
    checkOutput: true,
    log: silentLogger,
  });
  const results: unknown[] = [];
  try {
    for (const call of request.calls) {
      results.push(
        await dispatch({
          sender: { url: 'app://app/index.html', isTopFrame: true },
          procedure: call.procedure,
          input: call.input,
        }),
      );
    }
  } finally {
    await services.dispose();
  }
  process.stdout.write(`${JSON.stringify({ uid: process.getuid?.(), results })}\n`);
}

if (process.argv[2] !== undefined) {
  await main(JSON.parse(process.argv[2]) as ChildRequest);
}
