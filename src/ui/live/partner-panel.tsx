import { lazy, memo, Suspense, useId, useRef, useState } from 'react';
import type { SourceStatus } from '../../sources/heart-rate-source';
import type { Scenario } from '../../sim/simulator';
import type { ReadinessReason } from '../../session/readiness-types';
import type { PartnerModel, PartnerView, SourceOrigin } from '../../session/partner-model';
import type { PartnerStateName } from '../../session/readiness-types';
import { CalibrationCard } from './calibration-card';
import { lowBatteryWords, NotFoundAdvice, StrapName, WhichStrapTip } from './strap-help';
import { RHYTHM_WORDS } from '../../signal/readiness-describe';
import { BREATHING_HOLD_SEC, holdBreathing, NO_BREATHING, type HeldBreathing } from './held-breathing';
import { describeQuality, PARTNER_STATE_WORDS } from './readiness-words';
import type { TogetherReadings } from '../../session/together-state';
import { RhythmReading } from './together-readings';
import { useObservable, useSelected } from './use-observable';

// The chart library loads after the panel: connecting never waits for it, and until it is there an
// empty frame of the chart's size holds its place.
const Tachogram = lazy(() => import('./tachogram').then((m) => ({ default: m.Tachogram })));
const TACHOGRAM_FRAME = (
  <figure className="tachogram" aria-hidden="true">
    <div className="tachogram__canvas" />
  </figure>
);

export interface PartnerPanelProps {
  readonly partner: PartnerModel;
  /** The session's readings of settling together: this partner's rhythm against the pacer. */
  readonly together: TogetherReadings;
  /** A readiness reason in plain words for the partner's shown name (the session's). */
  readonly describe: (reason: ReadinessReason, partnerName: string) => string;
  /** Exchanges the two partners' straps; given while both have one. */
  readonly onSwap?: () => void;
  /** Turns on the hand check-in; given while nothing is connected. */
  readonly onWithoutStraps?: () => void;
  /** True when both partners are on a first night, which the live view then says once for both. */
  readonly firstNightShared?: boolean;
}

const SIMULATED_KINDS: readonly { value: Scenario; label: string }[] = [
  { value: 'calm', label: 'calm' },
  { value: 'conflict', label: 'upset, then recovering' },
  { value: 'flooded', label: 'flooded' },
  { value: 'hr-only', label: 'heart-rate-only watch' },
];

function describeStatus(status: SourceStatus, origin: SourceOrigin | null): string {
  if (status.kind === 'connected' && origin?.kind === 'replay') return `Playing the recording ${status.deviceName}`;
  switch (status.kind) {
    case 'idle':
      return 'Not connected';
    case 'connecting':
      return 'Connecting…';
    case 'connected': {
      const battery = status.batteryPercent === null ? '' : ` · battery ${status.batteryPercent} %`;
      const stale = status.stale ? ' — no heartbeat for a few seconds; check the strap sits snugly on moist skin' : '';
      return `Connected to ${status.deviceName}${battery}${stale}`;
    }
    case 'reconnecting':
      if (status.searching)
        return `Looking for ${status.deviceName} — not in range yet (try ${status.attempt})…${status.reason ? ` ${status.reason}` : ''}`;
      return `Connection lost to ${status.deviceName} — reconnecting (attempt ${status.attempt})…${status.reason ? ` ${status.reason}` : ''}`;
    case 'disconnected':
      return `Disconnected: ${status.reason}`;
  }
}

const round = (x: number): string => Math.round(x).toString();

/**
 * One figure with its test id; "—" and a reason when it is not known. A held figure (the last
 * confident one, kept a short while) says so, and carries the event time it was measured at.
 */
function Figure({
  testId,
  label,
  value,
  unit,
  missing,
  heldSinceSec = null,
}: {
  testId: string;
  label: string;
  value: string | null;
  unit: string;
  missing: string;
  heldSinceSec?: number | null;
}) {
  const held = value !== null && heldSinceSec !== null;
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>
        <span
          data-testid={testId}
          className={held ? 'figure__value figure__value--held' : 'figure__value'}
          data-held={held ? 'true' : undefined}
          data-held-since-sec={held ? heldSinceSec.toFixed(1) : undefined}
        >
          {value ?? '—'}
        </span>
        {value === null ? <span className="figure__missing"> {missing}</span> : <span className="figure__unit"> {unit}</span>}
        {held ? (
          <span className="figure__held">
            {' '}
            held
            <span className="visually-hidden">
              : the last clear reading, kept up to {BREATHING_HOLD_SEC} s while the estimate is unsure
            </span>
          </span>
        ) : null}
      </dd>
    </div>
  );
}

/** The figures a partner's panel shows, as plain text: compared value by value to skip repeats. */
interface FiguresView {
  readonly hr: string | null;
  readonly rr: string | null;
  readonly rmssd: string | null;
  readonly breathing: string | null;
  /** The breathing figure is held (see {@link holdBreathing}): the event time of its estimate. */
  readonly breathingHeldSinceSec: number | null;
  readonly hrOnly: boolean;
  /** Words for an irregular rhythm (HRV and breathing not shown), or null. */
  readonly irregular: string | null;
  readonly quality: string;
  readonly qualityLevel: ReturnType<typeof describeQuality>['level'];
}

/**
 * A selector of the shown figures for one panel: the breathing figure is held a short while through
 * unsure estimates ({@link holdBreathing}), so the selector keeps the last figure it showed.
 */
function figuresSelector(): (view: PartnerView) => FiguresView {
  let breathing: HeldBreathing = NO_BREATHING;
  return ({ metrics, lastBeat, hrOnly }) => {
    const quality = describeQuality(metrics);
    breathing = holdBreathing(breathing, hrOnly ? null : metrics);
    return {
      hr: lastBeat ? round(lastBeat.hrBpm) : null,
      rr: lastBeat?.rrMs == null ? null : round(lastBeat.rrMs),
      rmssd: hrOnly || metrics?.rmssdMs == null ? null : round(metrics.rmssdMs),
      breathing: breathing.breathsPerMin === null ? null : round(breathing.breathsPerMin),
      breathingHeldSinceSec: breathing.held ? breathing.confidentSec : null,
      hrOnly,
      irregular: hrOnly || metrics?.irregular == null ? null : RHYTHM_WORDS[metrics.irregular],
      quality: quality.label,
      qualityLevel: quality.level,
    };
  };
}

/** The live figures, following every beat; re-rendered alone, and only when a shown figure changes. */
function LiveFigures({ partner }: { partner: PartnerModel }) {
  // One selector per panel: it remembers the breathing figure it last showed.
  const [select] = useState(figuresSelector);
  const { hr, rr, rmssd, breathing, breathingHeldSinceSec, hrOnly, irregular, quality, qualityLevel } = useSelected(
    partner.live$,
    partner.current(),
    select,
  );
  const notShown = irregular === null ? null : `${irregular} — HRV not shown`;
  return (
    <dl className="figures" data-gauge="">
      <Figure testId="hr" label="Heart rate" value={hr} unit="bpm" missing="no beats yet" />
      <Figure
        testId="last-rr"
        label="Last beat interval"
        value={rr}
        unit="ms"
        missing={hrOnly ? 'not sent by this device' : 'no beats yet'}
      />
      <Figure
        testId="rmssd"
        label="HRV (RMSSD)"
        value={rmssd}
        unit="ms"
        missing={hrOnly ? 'not available — heart rate only' : (notShown ?? 'needs a minute of clean beats')}
      />
      <Figure
        testId="breathing"
        label="Breathing"
        value={breathing}
        heldSinceSec={breathingHeldSinceSec}
        unit="/min"
        missing={hrOnly ? 'not available — heart rate only' : (notShown ?? "can't tell from the heartbeat right now")}
      />
      <div className="figure figure--wide">
        <dt>Signal quality</dt>
        <dd>
          <span data-testid="quality" data-level={qualityLevel} className="figure__value figure__value--small">
            {quality}
          </span>
        </dd>
      </div>
    </dl>
  );
}

const selectState = (snapshot: PartnerView): PartnerStateName => snapshot.readiness?.state ?? 'no-signal';

/** The partner's readiness state in words and shape, following every beat. */
function PartnerState({ partner }: { partner: PartnerModel }) {
  const state = useSelected(partner.live$, partner.current(), selectState);
  const words = PARTNER_STATE_WORDS[state];
  return (
    <p className="partner__state" data-testid="partner-state" data-state={state} aria-live="polite" data-gauge="">
      <span className={`shape shape--${state}`} aria-hidden="true">
        {words.symbol}
      </span>{' '}
      {words.label}
    </p>
  );
}

const selectTypedName = (snapshot: PartnerView): string => snapshot.name;

/** The partner's name as typed: follows each keystroke (a controlled field must never lag behind). */
function NameField({ partner, letter }: { partner: PartnerModel; letter: string }) {
  const name = useSelected(partner.live$, partner.current(), selectTypedName);
  return (
    <label className="partner__name">
      <span className="visually-hidden">Name of partner {letter}</span>
      <input
        type="text"
        value={name}
        maxLength={40}
        autoComplete="off"
        onChange={(event) => partner.rename(event.target.value)}
        onBlur={() => partner.keepName()}
      />
    </label>
  );
}

const StableLiveFigures = memo(LiveFigures);
const StablePartnerState = memo(PartnerState);

/**
 * One partner: name, how their heartbeat arrives (strap, simulator, recording), live figures,
 * tachogram, readiness with plain reasons, and calibration. The panel re-renders at most four times a
 * second; its live figures and state follow every beat on their own.
 */
export function PartnerPanel({ partner, together, describe, onSwap, onWithoutStraps, firstNightShared = false }: PartnerPanelProps) {
  const snapshot = useObservable(partner.snapshot$, partner.current());
  const headingId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [simulated, setSimulated] = useState<Scenario>('calm');
  // The strap whose live signal the partner confirmed as theirs (asked again after a swap).
  const [confirmedId, setConfirmedId] = useState<string | null>(null);
  const support = partner.bluetoothSupport();
  const connected = snapshot.origin !== null;
  const letter = partner.id.toUpperCase();
  const name = snapshot.displayName;

  const state = snapshot.readiness?.state ?? 'no-signal';
  const words = PARTNER_STATE_WORDS[state];
  // "Heart rate only" has its own note below, and the first night its line on the card (or, for
  // both partners, above them); the list keeps the reasons that change.
  const reasons = (snapshot.readiness?.reasons ?? [])
    .filter((reason) => reason.kind !== 'heart-rate-only' && reason.kind !== 'first-night')
    .map((reason) => describe(reason, snapshot.displayName));

  // connect() runs before the intent awaits anything: the browser's chooser needs this click.
  const connectStrap = () => void partner.connectStrap();
  const connectOwnStrap = () => void partner.connectOwnStrap();
  const useSimulator = () => void partner.useSimulator(simulated);
  const loadRecording = (file: File) => partner.loadRecording(file);

  const status = snapshot.status;
  const strap = snapshot.origin?.kind === 'bluetooth';
  const deviceId = status.kind === 'connected' && strap ? (status.deviceId ?? status.deviceName) : null;
  const remembered = snapshot.rememberedStrap;
  const lowBattery = status.kind === 'connected' && strap ? lowBatteryWords(status.batteryPercent) : null;

  return (
    <section className={`partner partner--${partner.id}`} data-testid={`partner-${partner.id}`} aria-labelledby={headingId}>
      <header className="partner__header">
        <h2 id={headingId} className="partner__title">
          <span className="partner__letter" aria-hidden="true">
            {letter}
          </span>
          <NameField partner={partner} letter={letter} />
        </h2>
        <StablePartnerState partner={partner} />
      </header>

      <div className="partner__source">
        {connected ? (
          <>
            <p className="partner__status" data-kind={status.kind}>
              {snapshot.origin?.demo ? <span className="badge badge--demo">Demo</span> : null}{' '}
              {status.kind === 'connected' || status.kind === 'reconnecting'
                ? describeStatus(status, snapshot.origin)
                : `${snapshot.origin?.label ?? ''}: ${describeStatus(status, snapshot.origin)}`}
              {status.kind === 'connected' && status.malformedPackets > 0 ? (
                <span className="partner__malformed"> · {status.malformedPackets} unreadable packets skipped</span>
              ) : null}
            </p>
            {strap && status.kind === 'connected' ? (
              <p className="partner__strap" data-testid="strap-name">
                {name}’s strap: <StrapName name={status.deviceName} />
              </p>
            ) : null}
            {lowBattery ? <p className="partner__warning">{lowBattery}</p> : null}
            {deviceId !== null && confirmedId !== deviceId ? (
              <div className="partner__confirm" role="group" aria-label={`Is this ${name}’s strap?`} data-testid="strap-confirm">
                <p>
                  <strong>Is this {name}’s strap?</strong> {name}, take a slow deep breath — your heart rate should move.
                </p>
                <div className="partner__confirm-actions">
                  <button type="button" onClick={() => setConfirmedId(deviceId)}>
                    Yes, it moved
                  </button>
                  {onSwap ? (
                    <button type="button" onClick={onSwap}>
                      It’s the other strap — swap
                    </button>
                  ) : null}
                </div>
              </div>
            ) : null}
            {status.kind === 'reconnecting' && status.searching ? (
              <NotFoundAdvice intro={`${status.deviceName} has not answered yet. Attune keeps looking and connects as soon as it does.`} />
            ) : null}
            {status.kind === 'disconnected' && status.code === 'unreachable' ? <NotFoundAdvice /> : null}
            {(status.kind === 'disconnected' || (status.kind === 'reconnecting' && status.searching)) && strap ? (
              <button type="button" onClick={() => void partner.reconnect()}>
                {status.kind === 'reconnecting' ? 'Try again now' : 'Reconnect the strap'}
              </button>
            ) : null}
            <button type="button" onClick={() => void partner.disconnect()}>
              {status.kind === 'disconnected' || (status.kind === 'reconnecting' && status.searching)
                ? 'Choose another source'
                : 'Disconnect'}
            </button>
            {snapshot.notice ? <p className="partner__note">{snapshot.notice}</p> : null}
          </>
        ) : (
          <div className="partner__connect">
            {remembered && support.available ? (
              <button type="button" className="partner__own" onClick={connectOwnStrap}>
                Connect {name}’s strap{' '}
                <span className="partner__own-name">
                  <StrapName name={remembered.name} />
                </span>
              </button>
            ) : null}
            <button
              type="button"
              onClick={connectStrap}
              disabled={!support.available}
              aria-describedby={support.available ? undefined : `${headingId}-bt`}
            >
              {remembered && support.available ? 'Connect a strap (another one)' : 'Connect a strap'}
            </button>
            <span className="partner__simulator">
              <button type="button" onClick={useSimulator}>
                Use the simulator
              </button>
              <label>
                <span className="visually-hidden">Simulated partner {letter} is</span>
                <select value={simulated} onChange={(event) => setSimulated(event.target.value as Scenario)}>
                  {SIMULATED_KINDS.map((kind) => (
                    <option key={kind.value} value={kind.value}>
                      {kind.label}
                    </option>
                  ))}
                </select>
              </label>
            </span>
            <button type="button" onClick={() => fileRef.current?.click()}>
              Load a recording
            </button>
            {onWithoutStraps ? (
              <button type="button" onClick={onWithoutStraps}>
                Go without straps
              </button>
            ) : null}
            <input
              ref={fileRef}
              type="file"
              accept=".csv,.tsv,.txt,.json,.fit,text/plain,text/csv,application/json,application/vnd.ant.fit"
              className="visually-hidden"
              tabIndex={-1}
              aria-label={`Recording file for partner ${letter}`}
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void loadRecording(file);
              }}
            />
            {support.available ? (
              <details className="partner__help">
                <summary>Which strap is whose? Not in the list?</summary>
                <WhichStrapTip />
                <NotFoundAdvice intro="Not in the list:" />
              </details>
            ) : (
              <details className="partner__help" id={`${headingId}-bt`}>
                <summary>{support.reason ?? 'Bluetooth is not available here.'}</summary>
                <p className="partner__note">{support.advice ?? ''}</p>
              </details>
            )}
          </div>
        )}
        {snapshot.error ? (
          <p role="alert" className="partner__error">
            {snapshot.error}
          </p>
        ) : null}
      </div>

      {snapshot.recordingWarnings.length > 0 && snapshot.origin?.kind === 'replay' ? (
        <ul className="partner__warnings" aria-label="About this recording">
          {snapshot.recordingWarnings.map((warning, index) => (
            <li key={index}>{warning}</li>
          ))}
        </ul>
      ) : null}

      {snapshot.hrOnly ? (
        <p className="partner__hr-only" data-testid="hr-only">
          {snapshot.displayName}: heart rate only — no HRV from this device. Readiness uses heart rate alone.
        </p>
      ) : null}

      <StableLiveFigures partner={partner} />
      <RhythmReading rhythm$={together.rhythm$[partner.id]} initial={together.currentRhythm(partner.id)} />
      <Suspense fallback={TACHOGRAM_FRAME}>
        <Tachogram partner={partner} name={snapshot.displayName} />
      </Suspense>

      {reasons.length > 0 ? (
        <ul className="partner__reasons" aria-label={`Why ${snapshot.displayName} is “${words.label}”`}>
          {reasons.map((text, index) => (
            <li key={index}>{text}</li>
          ))}
        </ul>
      ) : null}

      <CalibrationCard partner={partner} snapshot={snapshot} firstNightShared={firstNightShared} />
    </section>
  );
}
