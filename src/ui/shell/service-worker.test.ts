// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for a ServiceWorker: a state, statechange listeners and the messages it was sent. */
class FakeWorker extends EventTarget {
  readonly messages: unknown[] = [];
  constructor(public state: ServiceWorkerState) {
    super();
  }
  postMessage(message: unknown): void {
    this.messages.push(message);
  }
  become(state: ServiceWorkerState): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  update = vi.fn(() => Promise.resolve());
}

function installContainer(options: { controller: boolean; registration: FakeRegistration }) {
  const container = Object.assign(new EventTarget(), {
    controller: options.controller ? new FakeWorker('activated') : null,
    register: vi.fn(() => Promise.resolve(options.registration)),
  });
  Object.defineProperty(navigator, 'serviceWorker', { value: container, configurable: true });
  return container;
}

async function freshModule() {
  vi.resetModules();
  return import('./service-worker');
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'serviceWorker');
});

describe('registerServiceWorker', () => {
  it('registerServiceWorker registers /sw.js for the whole origin', async () => {
    const registration = new FakeRegistration();
    const container = installContainer({ controller: false, registration });
    const { registerServiceWorker } = await freshModule();
    await registerServiceWorker();
    expect(container.register).toHaveBeenCalledWith('/sw.js', { scope: '/' });
  });

  it('registerServiceWorker announces nothing on the first install (no controller yet)', async () => {
    const registration = new FakeRegistration();
    installContainer({ controller: false, registration });
    const { registerServiceWorker, onUpdateReady } = await freshModule();
    const listener = vi.fn();
    onUpdateReady(listener);
    await registerServiceWorker();
    const worker = new FakeWorker('installing');
    registration.installing = worker;
    registration.dispatchEvent(new Event('updatefound'));
    worker.become('installed');
    expect(listener).not.toHaveBeenCalled();
  });

  it('registerServiceWorker announces an update once a new worker waits, and activates it only when asked', async () => {
    const registration = new FakeRegistration();
    installContainer({ controller: true, registration });
    const { registerServiceWorker, onUpdateReady } = await freshModule();
    const listener = vi.fn();
    onUpdateReady(listener);
    await registerServiceWorker();
    const worker = new FakeWorker('installing');
    registration.installing = worker;
    registration.dispatchEvent(new Event('updatefound'));
    expect(listener).not.toHaveBeenCalled();
    worker.become('installed');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(worker.messages).toEqual([]);
    listener.mock.calls[0][0].activate();
    expect(worker.messages).toEqual([{ type: 'attune:activate' }]);
  });

  it('registerServiceWorker tells a late listener about a worker already waiting', async () => {
    const registration = new FakeRegistration();
    registration.waiting = new FakeWorker('installed');
    installContainer({ controller: true, registration });
    const { registerServiceWorker, onUpdateReady } = await freshModule();
    await registerServiceWorker();
    const listener = vi.fn();
    onUpdateReady(listener);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('registerServiceWorker logs a failed registration and resolves', async () => {
    const registration = new FakeRegistration();
    const container = installContainer({ controller: false, registration });
    container.register.mockImplementation(() => Promise.reject(new Error('register: blocked')));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { registerServiceWorker } = await freshModule();
    await expect(registerServiceWorker()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
