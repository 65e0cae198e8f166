import { useEffect, useId, useRef, useState } from 'react';
import type { PartnerModel, PartnerView } from '../../session/partner-model';

/** Seconds per half breath of the cue: 5 s in, 5 s out, an easy resting pace. */
const CUE_HALF_BREATH_SEC = 5;

function clock(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  return `${Math.floor(s / 60)}:${(s % 60).toString().padStart(2, '0')}`;
}

/**
 * The words of the first night, when a partner has no reading yet (DESIGN.md, Readiness gate). When
 * both partners are on a first night the live view says it once for both; the readiness reasons
 * leave it out, so it is read (and heard) once.
 */
export const FIRST_NIGHT_WORDS = 'First time: judged by how you are settling, not by your usual calm.';

/** The first night's words for one partner, when only that partner has no reading yet. */
export function firstNightWordsFor(name: string): string {
  return `First time for ${name}: judged by how they are settling, not by their usual calm.`;
}

/** Whether a partner is judged as on a first night: connected, with no baseline (no accepted reading). */
export function onFirstNight(snapshot: Pick<PartnerView, 'baseline' | 'origin'>): boolean {
  return !snapshot.baseline && snapshot.origin !== null;
}

function describeBaseline(snapshot: PartnerView): string {
  const baseline = snapshot.baseline;
  if (!baseline) {
    return 'No baseline yet. A calm check at a quiet moment (mornings are best) starts one; three make it your usual calm.';
  }
  const parts = [`heart rate ${Math.round(baseline.hrBpm)}`];
  // A heart-rate-only device is judged on heart rate alone: HRV and breathing figures would mislead.
  if (!snapshot.hrOnly && baseline.lnRmssdMean !== null) parts.push(`HRV ${Math.round(Math.exp(baseline.lnRmssdMean))} ms`);
  if (!snapshot.hrOnly && baseline.breathsPerMin !== null) parts.push(`breathing ${Math.round(baseline.breathsPerMin)}/min`);
  const when = new Date(baseline.recordedAt);
  const date = Number.isNaN(when.getTime())
    ? baseline.recordedAt
    : when.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  const origin = baseline.demo
    ? 'demo baseline (simulated, not yours)'
    : `from ${baseline.calibrations} reading${baseline.calibrations === 1 ? '' : 's'}, latest ${date}, ${baseline.device}`;
  return `Usual calm: ${parts.join(', ')} — ${origin}.`;
}

const READING_NAMES = { calibration: 'Calibration', 'calm-check': 'Calm check' } as const;

/**
 * Calibration for one partner: what the baseline is (and "learning (n of 3)" until three readings
 * count), a guided seated rest — the 3-minute calibration or the 2-minute calm check — with a
 * breathing cue and progress, what became of the reading (kept, or refused and why), and delete.
 * Progress follows the beats' event time, so it matches the data exactly (and runs faster in a
 * sped-up demo).
 */
export function CalibrationCard({
  partner,
  snapshot,
  firstNightShared = false,
}: {
  partner: PartnerModel;
  snapshot: PartnerView;
  /** True when both partners are on a first night: the live view then says so once, for both. */
  firstNightShared?: boolean;
}) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteNote, setDeleteNote] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);
  const confirmId = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const calibrateRef = useRef<HTMLButtonElement>(null);
  const noteRef = useRef<HTMLParagraphElement>(null);
  // Where keyboard focus goes when the question closes: back to Delete, or once deleted to
  // Calibrate (or, with no source to calibrate on, to the note saying it was deleted).
  const focusAfter = useRef<'delete' | 'calibrate' | null>(null);

  useEffect(() => {
    // Asking first puts focus on the safe choice, so Enter alone never deletes anything.
    if (confirmDelete) {
      keepRef.current?.focus();
      return;
    }
    const calibrate = calibrateRef.current && !calibrateRef.current.disabled ? calibrateRef.current : noteRef.current;
    const target = focusAfter.current === 'delete' ? deleteRef.current : focusAfter.current === 'calibrate' ? calibrate : null;
    focusAfter.current = null;
    target?.focus();
  }, [confirmDelete, deleting]);

  async function deleteBaseline(): Promise<void> {
    setDeleting(true);
    try {
      await partner.deleteOwnBaseline();
      setDeleteNote({
        kind: 'done',
        text: `${snapshot.displayName}’s baseline was deleted. Until new readings, Attune judges by how ${snapshot.displayName} is settling.`,
      });
      focusAfter.current = 'calibrate';
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      setDeleteNote({ kind: 'error', text: `The baseline could not be deleted and is kept as it was (${reason}).` });
      focusAfter.current = 'delete';
    } finally {
      setDeleting(false);
      setConfirmDelete(false);
    }
  }

  const calibration = snapshot.calibration;
  const running = calibration?.phase === 'recording' || calibration?.phase === 'waiting-for-beats';
  const canCalibrate = snapshot.origin !== null && snapshot.status.kind === 'connected';

  if (running && calibration) {
    const inhaling = Math.floor(calibration.elapsedSec / CUE_HALF_BREATH_SEC) % 2 === 0;
    return (
      <section className="calibration calibration--running" aria-label={`${READING_NAMES[calibration.kind]} for ${snapshot.displayName}`}>
        <h3>{calibration.kind === 'calm-check' ? 'Calm check — sit still and rest' : 'Calibrating — sit still and rest'}</h3>
        <p>
          Sit comfortably, feet on the floor, and breathe easily. Stay quiet for {calibration.kind === 'calm-check' ? 'two' : 'three'}{' '}
          minutes.
        </p>
        <div className={`breath-cue ${inhaling ? 'breath-cue--in' : 'breath-cue--out'}`} aria-hidden="true" />
        <p className="breath-cue__words">
          {calibration.phase === 'waiting-for-beats' ? 'Waiting for the first beats…' : inhaling ? 'Breathe in…' : 'Breathe out…'}
        </p>
        <progress
          max={calibration.totalSec}
          value={calibration.elapsedSec}
          aria-label={`${READING_NAMES[calibration.kind]} progress for ${snapshot.displayName}`}
        />
        <p>
          {clock(calibration.elapsedSec)} of {clock(calibration.totalSec)}
        </p>
        <button type="button" onClick={() => partner.cancelCalibration()}>
          {calibration.kind === 'calm-check' ? 'Stop calm check' : 'Stop calibration'}
        </button>
      </section>
    );
  }

  return (
    <section className="calibration" aria-label={`Baseline for ${snapshot.displayName}`}>
      <p className="calibration__baseline">
        {describeBaseline(snapshot)}
        {snapshot.baseline && snapshot.learning?.learning ? (
          <>
            {' '}
            <span className="calibration__learning" data-testid="baseline-learning">
              learning ({snapshot.learning.have} of {snapshot.learning.need})
            </span>
          </>
        ) : null}
      </p>
      {onFirstNight(snapshot) && !firstNightShared ? (
        <p className="calibration__first-night" data-testid="first-night">
          {firstNightWordsFor(snapshot.displayName)}
        </p>
      ) : null}
      {calibration?.message && !deleteNote ? (
        <p className={`calibration__message calibration__message--${calibration.phase}`} role="status">
          {calibration.phase === 'failed'
            ? `${READING_NAMES[calibration.kind]} did not finish: ${calibration.message}`
            : calibration.phase === 'refused'
              ? `${READING_NAMES[calibration.kind]} not used: ${calibration.message}`
              : calibration.message}
        </p>
      ) : null}
      {deleteNote ? (
        <p
          ref={noteRef}
          tabIndex={-1}
          className={`calibration__message calibration__message--${deleteNote.kind === 'error' ? 'failed' : 'deleted'}`}
          role={deleteNote.kind === 'error' ? 'alert' : 'status'}
        >
          {deleteNote.text}
        </p>
      ) : null}
      <div className="calibration__actions">
        <button
          type="button"
          ref={calibrateRef}
          onClick={() => {
            setDeleteNote(null);
            partner.startCalibration();
          }}
          disabled={!canCalibrate}
        >
          {snapshot.ownBaseline || snapshot.baseline ? 'Recalibrate (3 minutes)' : 'Calibrate (3 minutes)'}
        </button>
        <button
          type="button"
          onClick={() => {
            setDeleteNote(null);
            partner.startCalmCheck();
          }}
          disabled={!canCalibrate}
        >
          Calm check (2 minutes)
        </button>
        {snapshot.ownBaseline && partner.canDeleteOwnBaseline && !confirmDelete ? (
          <button
            type="button"
            ref={deleteRef}
            onClick={() => {
              setDeleteNote(null);
              setConfirmDelete(true);
            }}
          >
            Delete baseline
          </button>
        ) : null}
        {snapshot.ownBaseline && partner.canDeleteOwnBaseline && confirmDelete ? (
          <span
            className="calibration__confirm"
            role="group"
            aria-labelledby={confirmId}
            onKeyDown={(event) => {
              // Escape answers the question the safe way.
              if (event.key !== 'Escape' || deleting) return;
              focusAfter.current = 'delete';
              setConfirmDelete(false);
            }}
          >
            <span id={confirmId}>
              Delete {snapshot.displayName}&rsquo;s baseline and readings? Until new readings, Attune judges by how {snapshot.displayName}{' '}
              is settling.
            </span>{' '}
            <button type="button" disabled={deleting} onClick={() => void deleteBaseline()}>
              Yes, delete it
            </button>{' '}
            <button
              type="button"
              ref={keepRef}
              disabled={deleting}
              onClick={() => {
                focusAfter.current = 'delete';
                setConfirmDelete(false);
              }}
            >
              Keep it
            </button>
          </span>
        ) : null}
      </div>
    </section>
  );
}
