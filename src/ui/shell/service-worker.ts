/**
 * Service worker registration (production builds only, see main.tsx). The worker precaches the
 * built app so it opens offline after the first visit. Updates are polite: a new version installs
 * in the background and waits; the page is told, and it activates only when the person says so.
 */

/** A new version has been downloaded and waits; `activate` switches to it and reloads the page. */
export interface PendingUpdate {
  activate(): void;
}

type UpdateListener = (update: PendingUpdate) => void;

let pending: PendingUpdate | null = null;
const listeners = new Set<UpdateListener>();

function announce(worker: ServiceWorker): void {
  pending = {
    activate() {
      // Reload once the new worker controls the page, so assets and worker match.
      navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
      worker.postMessage({ type: 'attune:activate' });
    },
  };
  for (const listener of listeners) listener(pending);
}

/**
 * Calls `listener` when an update waits (at once if one already does). Returns the unsubscribe.
 */
export function onUpdateReady(listener: UpdateListener): () => void {
  listeners.add(listener);
  if (pending) listener(pending);
  return () => listeners.delete(listener);
}

/**
 * Registers `/sw.js` and watches for updates. Failures are logged, never thrown: the app works
 * without a worker, only not offline.
 */
export async function registerServiceWorker(url = '/sw.js'): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  try {
    const registration = await navigator.serviceWorker.register(url, { scope: '/' });
    const watch = (worker: ServiceWorker | null) => {
      if (!worker) return;
      const check = () => {
        // An installed worker with a controller present is an update; without one it is the first install.
        if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
      };
      check();
      worker.addEventListener('statechange', check);
    };
    watch(registration.waiting);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    // Look for a new version when the person comes back to the app, not on a timer.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') registration.update().catch(() => undefined);
    });
  } catch (error: unknown) {
    console.warn('service worker: registration failed, the app will not open offline', error);
  }
}
