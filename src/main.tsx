import { StrictMode } from 'react';
import { config as zodConfig } from 'zod';
import { createRoot } from 'react-dom/client';
import { App } from './ui/app';
import { openStore } from './ui/shell/parts';
import { registerServiceWorker } from './ui/shell/service-worker';
import { applyStoredTheme } from './ui/shell/theme-preference';
import './ui/shell/theme.css';

// The production Content-Security-Policy forbids eval. zod would probe for it with `new Function`
// (caught, but reported as a policy violation) to compile fast parsers; parse without that instead.
zodConfig({ jitless: true });

// Before the first render, so a person who chose the dim theme never sees a bright flash.
applyStoredTheme();

const root = document.getElementById('root');
if (!root) throw new Error('start: the page has no #root element');
// One store for the whole app, opened once (its code and IndexedDB load while the welcome shows).
const store = openStore();
createRoot(root).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);

// Offline support is for the built app only: in development the worker would serve stale modules.
if (import.meta.env.PROD) {
  window.addEventListener('load', () => void registerServiceWorker(), { once: true });
}
