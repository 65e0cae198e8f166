/*
 * Attune's service worker: opens the app offline after the first visit, and updates politely.
 *
 * The build (vite.config.ts, plugin "attune-precache") replaces the two placeholders below with the
 * build's version and the list of its files; the development server never registers this worker.
 *
 * - install: caches every file of this build in a cache named after the version. It does not take
 *   over from an older worker by itself: the page asks the person first, and sends "attune:activate".
 * - activate: removes caches of older versions and takes control of open pages.
 * - fetch: same-origin GET only (the app never talks to another origin). Page loads get the cached
 *   index.html whatever the query (`/?demo=calm` included); built files come from the cache; anything
 *   else goes to the network, falling back to the cache.
 */
/* global self, caches, fetch, URL, Response */

const VERSION = 'attune-dev';
const PRECACHE = ['/', '/index.html'];
const CACHE = `attune-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith('attune-') && name !== CACHE).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'attune:activate') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        const cached = (await cache.match('/index.html', { ignoreVary: true })) || (await cache.match('/', { ignoreVary: true }));
        if (cached) return cached;
        return fetch(request);
      })(),
    );
    return;
  }

  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Module scripts are requested with an Origin header and servers answer "Vary: Origin"; the
      // precache requests had none, so matching must ignore Vary or nothing would ever match.
      const cached = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
      if (cached) return cached;
      try {
        return await fetch(request);
      } catch (error) {
        return new Response('', { status: 504, statusText: `offline: ${url.pathname} is not cached` });
      }
    })(),
  );
});
