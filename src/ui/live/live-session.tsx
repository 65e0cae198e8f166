import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PartnerId } from '../../signal/types';
import { parseDemoUrl } from '../../session/demo-url';
import { createDefaultLiveDependencies, type LiveStore } from '../../session/default-dependencies';
import type { LiveDependencies } from '../../session/dependencies';
import { createLiveSession, type LiveSessionHandle, type LiveSessionModel, type LiveSummary, type SelfReport } from '../../session/live-session';
import { selfReportAllowed, selfReportCounts } from '../../session/routine-access';
import type { PartnerView } from '../../session/partner';
import type { GateStatusView } from '../../session/readiness-types';
import { RegionBoundary } from '../shell/region-boundary';
import { BreakTimer } from './break-timer';
import { PartnerPanel } from './partner-panel';
import { ReadinessGauge } from './readiness-gauge';
import { SelfReportPanel } from './self-report';
import { TrendChart } from './trend-chart';
import { useObservable, useSelected } from './use-observable';
import './live.css';
import { PARTNERS } from '../../pipeline/dyad';

export interface LiveSessionProps {
  /**
   * Query string holding `?demo=calm|conflict|flooded|hr-only&speed=N`; defaults to the page's
   * own. Without `demo`, nothing connects until a partner chooses a source.
   */
  readonly search?: string;
  /** Storage for baselines and the recording (STORE's `AttuneStore`); without it nothing persists. */
  readonly store?: LiveStore;
  /** Replaces the assembled parts (tests); by default the real sources, pipeline and store adapters. */
  readonly dependencies?: LiveDependencies;
  /** Told when the gate state, the hand check-in or a name changes (e.g. to unlock routines). */
  readonly onLive?: (summary: LiveSummary) => void;
  /**
   * Record into this interrupted session (by id, as a new segment) instead of a new one: the
   * "Resume the session" answer after a reload. The sources are connected again by the couple.
   */
  readonly resumeSessionId?: string;
  /** Given the running session's handle when it starts, and null when it ends. */
  readonly onSession?: (session: LiveSessionHandle | null) => void;
}


// The view re-renders when a name, the gate state or the check-in changes; the panels and charts
// below draw from their own subscriptions, so they skip those renders.
const StablePartnerPanel = memo(PartnerPanel);
const StableTrendChart = memo(TrendChart);
const StableSelfReportPanel = memo(SelfReportPanel);
const NO_SELF_REPORT: SelfReport = { active: false, calm: { a: false, b: false } };

/**
 * The live session: both partners' sources, live figures and tachograms, the dual readiness gauge
 * with plain reasons, the trend chart, calibration, the break timer when flooded, and the hand
 * check-in. Self-sufficient: `<LiveSession />` alone reads `?demo=` and `&speed=` from the URL.
 * The session (sources, pipelines, recording) lives while this component is mounted.
 */
export function LiveSession({ search, store, dependencies, onLive, resumeSessionId, onSession }: LiveSessionProps) {
  const query = search ?? (typeof window === 'undefined' ? '' : window.location.search);
  const demoUrl = useMemo(() => parseDemoUrl(query), [query]);
  const deps = useMemo(() => dependencies ?? createDefaultLiveDependencies({ ...(store ? { store } : {}), browser: { navigator, isSecureContext: window.isSecureContext, userAgent: navigator.userAgent } }), [dependencies, store]);
  const [model, setModel] = useState<LiveSessionModel | null>(null);
  const demoScenario = demoUrl.kind === 'demo' ? demoUrl.request.scenario : null;
  const demoSpeed = demoUrl.kind === 'demo' ? demoUrl.request.speed : 1;

  const onSessionRef = useRef(onSession);
  useEffect(() => {
    onSessionRef.current = onSession;
  }, [onSession]);

  useEffect(() => {
    const session = createLiveSession(deps, {
      ...(resumeSessionId === undefined ? {} : { resumeSessionId }),
      ...(demoScenario ? { demo: { scenario: demoScenario, speed: demoSpeed } } : {}),
    });
    setModel(session);
    onSessionRef.current?.({ finishRecording: (outcome) => session.finishRecording(outcome), recordingId: () => session.recordingId() });
    return () => {
      setModel((current) => (current === session ? null : current));
      onSessionRef.current?.(null);
      void session.dispose();
    };
  }, [deps, demoScenario, demoSpeed, resumeSessionId]);

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
      {resumeSessionId !== undefined && demoUrl.kind !== 'demo' ? (
        <p className="live__banner" data-testid="resume-banner">
          Continuing your interrupted session: connect your straps (or the simulator) again, and it records on from where it
          stopped.
        </p>
      ) : null}
      {model ? (
        <>
          <LiveView model={model} dependencies={deps} speed={demoSpeed} onLive={onLive} />
          <Diagnostics model={model} />
        </>
      ) : (
        <p className="live__loading">Starting…</p>
      )}
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

const selectName = (snapshot: PartnerView): string => snapshot.displayName;
const selectDemo = (snapshot: PartnerView): boolean => snapshot.origin?.demo === true;
const selectAttached = (snapshot: PartnerView): boolean => snapshot.origin !== null;
/** What the view around the gauge needs of the gate: its state and who is flooded. */
const selectGateSummary = (gate: GateStatusView | null) => ({
  state: gate?.state ?? null,
  floodedA: gate?.partners.a.state === 'flooded',
  floodedB: gate?.partners.b.state === 'flooded',
});

function LiveView({
  model,
  dependencies,
  speed,
  onLive,
}: {
  model: LiveSessionModel;
  dependencies: LiveDependencies;
  speed: number;
  onLive?: (summary: LiveSummary) => void;
}) {
  // The view itself re-renders only when a name, the demo flag, the gate state or the hand check-in
  // changes; the gauge's parts and the charts follow the beats on their own.
  const nameA = useSelected(model.partners.a.live$, model.partners.a.current(), selectName);
  const nameB = useSelected(model.partners.b.live$, model.partners.b.current(), selectName);
  const demoA = useSelected(model.partners.a.live$, model.partners.a.current(), selectDemo);
  const demoB = useSelected(model.partners.b.live$, model.partners.b.current(), selectDemo);
  const gate = useSelected(model.gate$, model.currentGate(), selectGateSummary);
  const selfReport = useObservable(model.selfReport$, NO_SELF_REPORT);
  const attachedA = useSelected(model.partners.a.live$, model.partners.a.current(), selectAttached);
  const attachedB = useSelected(model.partners.b.live$, model.partners.b.current(), selectAttached);
  const anySourceConnected = attachedA || attachedB;
  const gateState = gate.state;
  // Both ticked by hand counts only as genuine no-wearable mode (the one rule in routine-access).
  const selfReportComplete =
    selfReport.active && selfReport.calm.a && selfReport.calm.b && selfReportCounts({ gate: gateState, anySourceConnected });
  const flooded = gateState === 'flooded';
  const [breakOpen, setBreakOpen] = useState(false);
  const names = useMemo(() => ({ a: nameA, b: nameB }), [nameA, nameB]);
  const demo = demoA || demoB;

  useEffect(() => {
    onLive?.({ gate: gateState, selfReportComplete, anySourceConnected, names });
  }, [onLive, gateState, selfReportComplete, anySourceConnected, names]);

  // The break opens when flooding starts and stays until the partners end it.
  useEffect(() => {
    if (flooded) setBreakOpen(true);
  }, [flooded]);

  const setSelfReportMode = useCallback((active: boolean) => model.setSelfReportMode(active), [model]);
  const setSelfReportCalm = useCallback((partner: PartnerId, calm: boolean) => model.setSelfReportCalm(partner, calm), [model]);
  const endBreak = useCallback(() => setBreakOpen(false), []);

  const floodedNames = PARTNERS.filter((id) => (id === 'a' ? gate.floodedA : gate.floodedB)).map((id) => names[id]);

  return (
    <>
      <ReadinessGauge gate$={model.gate$} gate={model.currentGate()} partners={model.partners} names={names} demo={demo} describe={dependencies.describeReason} />
      {breakOpen ? <BreakTimer floodedNames={floodedNames} speed={demo ? speed : 1} onEnd={endBreak} /> : null}
      <div className="live__partners">
        {PARTNERS.map((id) => (
          // One boundary per connection: a failure in one partner's panel leaves the other running.
          <RegionBoundary key={id} region={`Partner ${id.toUpperCase()}’s connection`}>
            <StablePartnerPanel partner={model.partners[id]} describe={dependencies.describeReason} />
          </RegionBoundary>
        ))}
      </div>
      <RegionBoundary region="The trend chart">
        <StableTrendChart partners={model.partners} names={names} />
      </RegionBoundary>
      <StableSelfReportPanel
        selfReport={selfReport}
        names={names}
        available={selfReportAllowed(anySourceConnected)}
        onActive={setSelfReportMode}
        onCalm={setSelfReportCalm}
      />
    </>
  );
}
