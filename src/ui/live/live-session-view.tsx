import { lazy, memo, Suspense, useCallback, useEffect, useRef, useState, type ComponentProps } from 'react';
import { type PartnerId, PARTNERS } from '../../signal/types';
import type { DemoUrl } from '../../session/demo-url';
import type { LiveSessionModel, SelfReport } from '../../session/live-session';
import { selfReportAllowed } from '../../session/routine-access';
import type { PartnerView } from '../../session/partner-model';
import type { GateStatusView } from '../../session/readiness-types';
import { RegionBoundary } from '../common/region-boundary';
import { BreakTimer } from './break-timer';
import { BreatheTogether } from './breathe-together';
import { FIRST_NIGHT_WORDS, onFirstNight } from './calibration-card';
import { paceWords } from './pacer-visual';
import { CoregulationReading } from './together-readings';
import { PartnerPanel } from './partner-panel';
import { ReadinessGauge } from './readiness-gauge';
import { SelfReportPanel } from './self-report';
import { useObservable, useSelected } from './use-observable';
import './live.css';

export interface LiveSessionViewProps {
  /** The running session (the composition root builds it); null while it opens. */
  readonly session: LiveSessionModel | null;
  /** What the page's address asked for: nothing, a demo (the session runs it), or a link that cannot run. */
  readonly demo: DemoUrl;
}

// The view re-renders when a name, the gate state or the check-in changes; the panels and charts
// below draw from their own subscriptions, so they skip those renders.
const StablePartnerPanel = memo(PartnerPanel);
// The trend chart's code (and the chart library) loads after the live view, which never waits for it.
const TrendChart = lazy(() => import('./trend-chart').then((m) => ({ default: m.TrendChart })));
const StableTrendChart = memo(function StableTrendChart(props: ComponentProps<typeof TrendChart>) {
  return (
    <Suspense fallback={null}>
      <TrendChart {...props} />
    </Suspense>
  );
});
const StableSelfReportPanel = memo(SelfReportPanel);
const StableBreatheTogether = memo(BreatheTogether);
const NO_SELF_REPORT: SelfReport = { active: false, calm: { a: false, b: false } };

/**
 * The view of the live session (the session itself, outside React, is `session/live-session.ts`):
 * both partners' sources, live figures and tachograms, the dual readiness gauge
 * with plain reasons, the trend chart, calibration, the break timer when flooded, and the hand
 * check-in. It renders the session it is given and subscribes to it; it builds nothing itself.
 */
export function LiveSessionView({ session: model, demo: demoUrl }: LiveSessionViewProps) {
  return (
    <div className="live">
      {demoUrl.kind === 'invalid' ? (
        <p role="alert" className="live__banner live__banner--error">
          {demoUrl.message}. Nothing was connected.
        </p>
      ) : null}
      {demoUrl.kind === 'demo' ? (
        <p className="live__banner live__banner--demo" data-testid="demo-banner">
          <span className="badge badge--demo">Demo</span> Simulated partners ({demoUrl.request.scenario}
          {demoUrl.request.speed === 1 ? '' : `, ${demoUrl.request.speed}× speed`}). Nothing here is a real measurement.
        </p>
      ) : null}
      {model?.resumeSessionId != null && demoUrl.kind !== 'demo' ? (
        <p className="live__banner" data-testid="resume-banner">
          Continuing your interrupted session: connect your straps (or the simulator) again, and it records on from where it stopped.
        </p>
      ) : null}
      {model ? (
        <>
          <LiveView model={model} />
          <Diagnostics model={model} />
        </>
      ) : (
        <p className="live__loading">Starting…</p>
      )}
    </div>
  );
}

/**
 * The way into breathing together at the top of the live view: one control, "Breathe together",
 * that starts the pacer and opens it as the whole screen, with the pacer's state in a few words.
 */
function BreatheEntry({ pacer, onOpen }: { pacer: LiveSessionModel['pacer']; onOpen: () => void }) {
  const state = useObservable(pacer.state$, pacer.current());
  return (
    <div className="live__breathe" data-testid="breathe-entry">
      <button type="button" className="primary" onClick={onOpen}>
        Breathe together
      </button>
      <span className="live__breathe-state">
        {state.running ? `Pacer on, ${paceWords(state.breathsPerMin)}` : 'Full screen, one slow breath for both'}
      </span>
    </div>
  );
}

/** How often the hidden diagnostics are refreshed, ms (wall clock; cheap attribute writes). */
const DIAGNOSTICS_REFRESH_MS = 500;

/**
 * Hidden diagnostics for long-session checks: live subscriptions of the session's streams and the
 * session's event time, written as attributes outside React so they cost no render.
 */
function Diagnostics({ model }: { model: LiveSessionModel }) {
  const ref = useRef<HTMLOutputElement>(null);
  useEffect(() => {
    const write = () => {
      const element = ref.current;
      if (!element) return;
      element.dataset.liveSubscriptions = String(model.liveSubscriptions());
      element.dataset.beatSec = model.sessionClockSec().toFixed(1);
    };
    write();
    const id = setInterval(write, DIAGNOSTICS_REFRESH_MS);
    return () => clearInterval(id);
  }, [model]);
  return <output ref={ref} data-testid="diagnostics" hidden />;
}

const selectDemo = (snapshot: PartnerView): boolean => snapshot.origin?.demo === true;
const selectCalibrating = (snapshot: PartnerView): boolean =>
  snapshot.calibration?.phase === 'recording' || snapshot.calibration?.phase === 'waiting-for-beats';
const CALIBRATING_NOTE = 'A calibration is recording natural breathing: start the pacer once it is done.';
const selectStrap = (snapshot: PartnerView): boolean => snapshot.origin?.kind === 'bluetooth';
const selectFirstNight = (snapshot: PartnerView): boolean => onFirstNight(snapshot);
/** What the view around the gauge needs of the gate: who is flooded. */
const selectFlooded = (gate: GateStatusView | null) => ({
  a: gate?.partners.a.state === 'flooded',
  b: gate?.partners.b.state === 'flooded',
});

function LiveView({ model }: { model: LiveSessionModel }) {
  // The view itself re-renders only when a name, the demo flag, the gate state or the hand check-in
  // changes; the gauge's parts and the charts follow the beats on their own.
  const summary = useObservable(model.summary$, model.currentSummary());
  const demoA = useSelected(model.partners.a.live$, model.partners.a.current(), selectDemo);
  const demoB = useSelected(model.partners.b.live$, model.partners.b.current(), selectDemo);
  const flooding = useSelected(model.gate$, model.currentGate(), selectFlooded);
  const selfReport = useObservable(model.selfReport$, NO_SELF_REPORT);
  const calibratingA = useSelected(model.partners.a.live$, model.partners.a.current(), selectCalibrating);
  const calibratingB = useSelected(model.partners.b.live$, model.partners.b.current(), selectCalibrating);
  const strapA = useSelected(model.partners.a.live$, model.partners.a.current(), selectStrap);
  const strapB = useSelected(model.partners.b.live$, model.partners.b.current(), selectStrap);
  const firstNightA = useSelected(model.partners.a.live$, model.partners.a.current(), selectFirstNight);
  const firstNightB = useSelected(model.partners.b.live$, model.partners.b.current(), selectFirstNight);
  // Both on a first night: said once, above both; otherwise on the card of the one partner it concerns.
  const firstNightShared = firstNightA && firstNightB;
  const [swapNote, setSwapNote] = useState<string | null>(null);
  const flooded = summary.gate === 'flooded';
  const [breakOpen, setBreakOpen] = useState(false);
  const [focusOpen, setFocusOpen] = useState(false);
  const names = summary.names;
  const demo = demoA || demoB;

  // The break opens when flooding starts and stays until the partners end it.
  useEffect(() => {
    if (flooded) setBreakOpen(true);
  }, [flooded]);

  const setSelfReportMode = useCallback((active: boolean) => model.setSelfReportMode(active), [model]);
  const setSelfReportCalm = useCallback((partner: PartnerId, calm: boolean) => model.setSelfReportCalm(partner, calm), [model]);
  const endBreak = useCallback(() => setBreakOpen(false), []);
  const canSwap = strapA && strapB;
  const swap = useCallback(() => {
    model
      .swapStraps()
      .then(() => setSwapNote('Straps swapped. Each of you keeps your own baseline; your recordings follow your own strap from now on.'))
      .catch((error: unknown) => setSwapNote(error instanceof Error ? error.message : String(error)));
  }, [model]);
  const withoutStraps = useCallback(() => {
    model.setSelfReportMode(true);
    // The hand check-in sits below the partners: bring it into view.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="self-report"]')?.scrollIntoView({ block: 'center' }));
  }, [model]);
  const sourceOn = summary.anySourceConnected;
  const pacerOffered = sourceOn || selfReport.active;
  const pacerBlocked = calibratingA || calibratingB ? CALIBRATING_NOTE : null;
  // One tap to breathe: the pacer starts (unless a calibration records natural breathing) and fills the screen.
  const openFocus = useCallback(() => {
    if (!model.pacer.current().running && pacerBlocked === null) model.pacer.start();
    setFocusOpen(true);
  }, [model, pacerBlocked]);
  const closeFocus = useCallback(() => setFocusOpen(false), []);

  const floodedNames = PARTNERS.filter((id) => flooding[id]).map((id) => names[id]);

  return (
    <>
      {/* The way into breathing together comes first, so on a phone it is on screen without scrolling. */}
      {pacerOffered ? <BreatheEntry pacer={model.pacer} onOpen={openFocus} /> : null}
      {/* The gauge joins once a source is connected: before that it has nothing to show, and the
          gate (test id and state kept, DESIGN.md contracts) is one quiet line. */}
      {sourceOn ? (
        <ReadinessGauge
          gate$={model.gate$}
          gate={model.currentGate()}
          partners={model.partners}
          names={names}
          demo={demo}
          describe={model.describeReason}
        />
      ) : (
        <p className="live__waiting" data-testid="gate" data-state="no-signal">
          Waiting for a first signal.
        </p>
      )}
      {firstNightShared ? (
        <p className="live__first-night" data-testid="first-night">
          {FIRST_NIGHT_WORDS}
        </p>
      ) : null}
      {breakOpen ? <BreakTimer floodedNames={floodedNames} speed={demo ? model.speed : 1} onEnd={endBreak} /> : null}
      {/* Breathing together is offered once there is something to settle: a source, or the hand check-in. */}
      {pacerOffered ? (
        <RegionBoundary region="Breathing together">
          <StableBreatheTogether
            pacer={model.pacer}
            duringBreak={breakOpen}
            blockedBecause={pacerBlocked}
            focusOpen={focusOpen}
            onCloseFocus={closeFocus}
            together={model.together}
            names={names}
          />
          <CoregulationReading coregulation$={model.together.coregulation$} initial={model.together.currentCoregulation()} />
        </RegionBoundary>
      ) : null}
      <div className="live__partners">
        {PARTNERS.map((id) => (
          // One boundary per connection: a failure in one partner's panel leaves the other running.
          <RegionBoundary key={id} region={`Partner ${id.toUpperCase()}’s connection`}>
            <StablePartnerPanel
              partner={model.partners[id]}
              together={model.together}
              describe={model.describeReason}
              onSwap={canSwap ? swap : undefined}
              onWithoutStraps={sourceOn || selfReport.active ? undefined : withoutStraps}
              firstNightShared={firstNightShared}
            />
          </RegionBoundary>
        ))}
      </div>
      {canSwap ? (
        <div className="live__swap">
          <p>
            Straps the wrong way round? Swap them between {names.a} and {names.b} — no need to pair again.
          </p>
          <button type="button" onClick={swap} data-testid="swap-straps">
            Swap straps
          </button>
        </div>
      ) : null}
      {swapNote ? (
        <p className="live__swap-note" role="status">
          {swapNote}
        </p>
      ) : null}
      <RegionBoundary region="The trend chart">
        <StableTrendChart partners={model.partners} names={names} />
      </RegionBoundary>
      <StableSelfReportPanel
        selfReport={selfReport}
        names={names}
        available={selfReportAllowed(summary.anySourceConnected)}
        onActive={setSelfReportMode}
        onCalm={setSelfReportCalm}
      />
    </>
  );
}
