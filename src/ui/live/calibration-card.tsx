import { useState } from 'react';
import type { PartnerModel, PartnerSnapshot } from '../compose/partner-model';

/** Seconds per half breath of the cue: 5 s in, 5 s out, an easy resting pace. */
const CUE_HALF_BREATH_SEC = 5;

function clock(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  return `${Math.floor(s / 60)}:${(s % 60).toString().padStart(2, '0')}`;
}

function describeBaseline(snapshot: PartnerSnapshot): string {
  const baseline = snapshot.baseline;
  if (!baseline) return 'No baseline yet. A 3-minute calibration at rest tells Attune what calm looks like for you.';
  const parts = [`heart rate ${Math.round(baseline.hrBpm)}`];
  // A heart-rate-only device is judged on heart rate alone: HRV and breathing figures would mislead.
  if (!snapshot.hrOnly && baseline.lnRmssdMean !== null) parts.push(`HRV ${Math.round(Math.exp(baseline.lnRmssdMean))} ms`);
  if (!snapshot.hrOnly && baseline.breathsPerMin !== null) parts.push(`breathing ${Math.round(baseline.breathsPerMin)}/min`);
  const when = new Date(baseline.recordedAt);
  const date = Number.isNaN(when.getTime()) ? baseline.recordedAt : when.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  const origin = baseline.demo ? 'demo baseline (simulated, not yours)' : `from ${baseline.calibrations} calibration${baseline.calibrations === 1 ? '' : 's'}, latest ${date}, ${baseline.device}`;
  return `Usual calm: ${parts.join(', ')} — ${origin}.`;
}

/**
 * Calibration for one partner: what the baseline is, a guided 3-minute seated rest with a breathing
 * cue and progress, and recalibrate / delete. Progress follows the beats' event time, so it matches
 * the data exactly (and runs faster in a sped-up demo).
 */
export function CalibrationCard({ partner, snapshot }: { partner: PartnerModel; snapshot: PartnerSnapshot }) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const calibration = snapshot.calibration;
  const running = calibration?.phase === 'recording' || calibration?.phase === 'waiting-for-beats';
  const canCalibrate = snapshot.origin !== null && snapshot.status.kind === 'connected';

  if (running && calibration) {
    const inhaling = Math.floor(calibration.elapsedSec / CUE_HALF_BREATH_SEC) % 2 === 0;
    return (
      <section className="calibration calibration--running" aria-label={`Calibration for ${snapshot.displayName}`}>
        <h3>Calibrating — sit still and rest</h3>
        <p>Sit comfortably, feet on the floor, and breathe easily. Stay quiet for three minutes.</p>
        <div className={`breath-cue ${inhaling ? 'breath-cue--in' : 'breath-cue--out'}`} aria-hidden="true" />
        <p className="breath-cue__words">{calibration.phase === 'waiting-for-beats' ? 'Waiting for the first beats…' : inhaling ? 'Breathe in…' : 'Breathe out…'}</p>
        <progress max={calibration.totalSec} value={calibration.elapsedSec} aria-label={`Calibration progress for ${snapshot.displayName}`} />
        <p>
          {clock(calibration.elapsedSec)} of {clock(calibration.totalSec)}
        </p>
        <button type="button" onClick={() => partner.cancelCalibration()}>
          Stop calibration
        </button>
      </section>
    );
  }

  return (
    <section className="calibration" aria-label={`Baseline for ${snapshot.displayName}`}>
      <p className="calibration__baseline">{describeBaseline(snapshot)}</p>
      {calibration?.message ? (
        <p className={`calibration__message calibration__message--${calibration.phase}`} role="status">
          {calibration.phase === 'failed' ? `Calibration did not finish: ${calibration.message}` : calibration.message}
        </p>
      ) : null}
      <div className="calibration__actions">
        <button type="button" onClick={() => partner.startCalibration()} disabled={!canCalibrate}>
          {snapshot.ownBaseline || snapshot.baseline ? 'Recalibrate (3 minutes)' : 'Calibrate (3 minutes)'}
        </button>
        {snapshot.ownBaseline && partner.canDeleteOwnBaseline && !confirmDelete ? (
          <button type="button" onClick={() => setConfirmDelete(true)}>
            Delete baseline
          </button>
        ) : null}
        {snapshot.ownBaseline && partner.canDeleteOwnBaseline && confirmDelete ? (
          <span role="group" aria-label="Confirm deleting the baseline">
            Delete {snapshot.displayName}&rsquo;s baseline?{' '}
            <button
              type="button"
              onClick={() => {
                setConfirmDelete(false);
                void partner.deleteOwnBaseline();
              }}
            >
              Yes, delete it
            </button>{' '}
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </span>
        ) : null}
      </div>
    </section>
  );
}
