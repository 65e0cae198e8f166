// First, before any module that builds a zod schema (see the module).
import './ui/shell/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/app';
import { composeApp } from './ui/shell/composition-root';
import { registerServiceWorker } from './ui/shell/service-worker';
import { applyStoredTheme } from './ui/shell/theme-preference';
import './ui/shell/theme.css';

// Before the first render, so a person who chose the dim theme never sees a bright flash.
applyStoredTheme();

const root = document.getElementById('root');
if (!root) throw new Error('start: the page has no #root element');
// The app is assembled once, here: the store (its code and IndexedDB load while the welcome shows),
// the demo request from the address, and the host of the live session.
const app = composeApp({ search: window.location.search, navigator, isSecureContext: window.isSecureContext });
createRoot(root).render(
  <StrictMode>
    <App app={app} />
  </StrictMode>,
);

// Offline support is for the built app only: in development the worker would serve stale modules.
if (import.meta.env.PROD) {
  window.addEventListener('load', () => void registerServiceWorker(), { once: true });
}
