import { defineConfig } from '@playwright/test';

/**
 * Browser tests run against the production build served by `vite preview`, in Debian's Chromium.
 * E2E_PORT lets several runs share a machine; the build goes to its own folder per port.
 */
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = port === 4173 ? 'dist' : `.e2e-dist-${port}`;

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Web Bluetooth on Linux is behind this flag; the emulated straps need it.
  '--enable-experimental-web-platform-features',
  // Without Chromium's newer Web Bluetooth permissions backend, getDevices() lists only the devices
  // chosen in the current document: after a reload it is empty, and a remembered strap cannot be
  // connected without the chooser. With it, the permission outlives the reload (as in Chrome where
  // the flag chrome://flags/#enable-web-bluetooth-new-permissions-backend is on).
  '--enable-features=WebBluetoothNewPermissionsBackend',
];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  // One more try for a test that fails: these tests run in real time on a shared 2-core machine,
  // where a stalled tab can miss a timeout. A test that passes only on its second try is still
  // reported, as "flaky", in the summary line, and a failure that repeats fails the run.
  retries: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
    trace: 'off',
  },
  webServer: {
    command: `npx vite build --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: false,
    timeout: 180_000,
  },
});
