/**
 * The one place the app is assembled (main.tsx calls `composeApp` once): the store, the sources and
 * pipeline behind the live session, the demo request from the page's address, and the host that
 * keeps the live session between screens. Everything heavy loads on demand, so the welcome screen
 * stays small: the store's code and IndexedDB open at once when the welcome has something of the
 * store's to show (a glance at the database tells, glance.ts), else with the next screens or when
 * the live view opens; the session's code when the couple first reaches the live view.
 */
import type { AttuneStore } from '../../store';
// Straight from its module: the store's index would bring the store's code and schemas along.
import { welcomeNeedsStore } from '../../store/glance';
import { parseDemoUrl, type DemoUrl } from '../../session/demo-url';
import { createSessionHost, type SessionHost } from '../../session/session-host';
import { BeatToScreenProbe } from './beat-to-screen';
import { journeyStart, type JourneyStart } from './journey';

/** What the page gives the app: its address's query string and its browser. */
export interface Page {
  readonly search: string;
  readonly navigator: Navigator;
  readonly isSecureContext: boolean;
}

/** The assembled app, as React receives it. */
export interface AppParts {
  /** The app's store, opening once `openStore` was called (its code loads on demand). */
  readonly store: Promise<AttuneStore>;
  /**
   * Resolves (true) when the store starts opening: at once when the welcome screen may have
   * something of the store's to show (resume prompt, check-in reminder, plan card, storage notice;
   * glance.ts), else with the next screens or the live view.
   */
  readonly storeStarted: Promise<true>;
  /** Starts opening the store, if not yet (the next screens need it). */
  readonly openStore: () => void;

  /** Where the journey starts for this address. */
  readonly start: JourneyStart;
  /** The demo the address asks for, or why it cannot run. */
  readonly demo: DemoUrl;
  /** The live session between screens. */
  readonly sessions: SessionHost;
  /** Measures beat-to-screen latency of every source the sessions use (`npm run bench -- ui`). */
  readonly probe: BeatToScreenProbe;
}

type SessionCode = Awaited<ReturnType<typeof fetchSessionCode>>;
/** The live session's code once it is here: Begin then builds the session at once, in its own click. */
let sessionCode: SessionCode | null = null;

function fetchSessionCode() {
  return Promise.all([
    import('../../session/live-session'),
    import('../../session/default-dependencies'),
    import('./beat-marks'),
    import('./rr-file-reader'),
  ]);
}

/** The live session's code: the session, its real parts, the beat marks and the recording reader. */
function loadSessionCode(): Promise<SessionCode> {
  return fetchSessionCode().then((code) => {
    sessionCode = code;
    return code;
  });
}

/**
 * Starts fetching the live session's code while the welcome is read, so Begin does not wait for it;
 * resolves once it is here (never rejects).
 */
export function preloadSessionCode(): Promise<unknown> {
  return loadSessionCode().catch(() => undefined);
}

/** The app's store (IndexedDB), its code loaded on demand once `open` is called. */
function storeOnDemand(): { store: Promise<AttuneStore>; started: Promise<true>; open: () => void } {
  let open: () => void = () => undefined;
  const started = new Promise<true>((resolve) => {
    open = () => resolve(true);
  });
  const store = started.then(() => import('../../store')).then(({ createStore }) => createStore());
  return { store, started, open };
}

export function composeApp(page: Page): AppParts {
  const { store, started: storeStarted, open: openStore } = storeOnDemand();
  const demo = parseDemoUrl(page.search);
  const start = journeyStart(page.search);
  const probe = new BeatToScreenProbe();
  const browser = { navigator: page.navigator, isSecureContext: page.isSecureContext, userAgent: page.navigator.userAgent };
  // The store once open, so a session can be built at once when its code is here too.
  let openedStore: AttuneStore | null = null;
  void store.then(
    (resolved) => {
      openedStore = resolved;
    },
    () => undefined,
  );
  const build = (
    [{ createLiveSession }, { createDefaultLiveDependencies }, { withBeatMarks }, { workerRrFileReader }]: SessionCode,
    resolved: AttuneStore,
    resumeSessionId: string | undefined,
  ) => {
    // Every source is marked so beat-to-screen latency can be measured (see beat-marks.ts).
    const defaults = createDefaultLiveDependencies({ store: resolved, browser });
    // Recordings are read off the main thread, so a large file leaves the page responsive.
    const dependencies = withBeatMarks({ ...defaults, readRrFile: workerRrFileReader(defaults.readRrFile) }, probe);
    return createLiveSession(dependencies, {
      ...(resumeSessionId === undefined ? {} : { resumeSessionId }),
      // A demo link connects both partners to the simulator each time the live view opens.
      ...(demo.kind === 'demo' ? { demo: demo.request } : {}),
    });
  };
  const sessions = createSessionHost(({ resumeSessionId }) => {
    openStore();
    // Preloaded while the welcome was read: built in Begin's own click, so the Connect step is one
    // render rather than "opening" first and the partners a task later.
    if (sessionCode !== null && openedStore !== null) return build(sessionCode, openedStore, resumeSessionId);
    return Promise.all([loadSessionCode(), store]).then(([code, resolved]) => build(code, resolved, resumeSessionId));
  });
  // A demo link opens on the live view: its session starts at once.
  sessions.follow(start.screen);
  const needed = start.screen === 'welcome' ? welcomeNeedsStore() : Promise.resolve(true);
  void needed.then((yes) => {
    if (yes) openStore();
  });
  return { store, storeStarted, openStore, start, demo, sessions, probe };
}
