import { existsSync } from 'node:fs';

/**
 * Where the browser tests find Chromium, first match wins:
 * 1. TOLLGATE_CHROMIUM, a Chromium or Chrome executable;
 * 2. the system's Chromium (Debian's chromium package: /usr/bin/chromium);
 * 3. the Chromium build inside the @sparticuz/chromium dev dependency (Linux x64 and arm64), unpacked
 *    from the package into TMPDIR on first use: nothing is downloaded.
 */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export type ChromiumLookup =
  | { path: string; source: 'TOLLGATE_CHROMIUM' | 'system' | 'bundled' }
  | { missing: string };

let bundled: Promise<string> | undefined;

async function unpackBundled(): Promise<string> {
  const { default: chromium } = await import('@sparticuz/chromium');
  return chromium.executablePath();
}

export async function findChromium(): Promise<ChromiumLookup> {
  const fromEnv = process.env.TOLLGATE_CHROMIUM;
  if (fromEnv) {
    return existsSync(fromEnv)
      ? { path: fromEnv, source: 'TOLLGATE_CHROMIUM' }
      : {
          missing: `TOLLGATE_CHROMIUM=${fromEnv} does not exist: point it at a Chromium executable, or unset it.`,
        };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, source: 'system' };
  if (process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64')) {
    try {
      bundled ??= unpackBundled();
      return { path: await bundled, source: 'bundled' };
    } catch (error) {
      return {
        missing: `Chromium: the bundled build could not be unpacked (${error instanceof Error ? error.message : String(error)}). Install Chromium (Debian: apt-get install chromium) or set TOLLGATE_CHROMIUM.`,
      };
    }
  }
  return {
    missing:
      `Chromium: not at ${SYSTEM_CHROMIUM}, and npm has no bundled build for ${process.platform}-${process.arch}. ` +
      'Install Chromium or Google Chrome and set TOLLGATE_CHROMIUM to its executable ' +
      '(macOS: /Applications/Google Chrome.app/Contents/MacOS/Google Chrome).',
  };
}
