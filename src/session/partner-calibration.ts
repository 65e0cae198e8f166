/**
 * One partner's seated-rest reading (DESIGN.md, Readiness gate): a 3-minute calibration or a short
 * calm check. It runs on the attached source's beats, reports its progress in event time, and ends
 * with one calm reading, which the partner checks against their earlier readings before it counts.
 */
import type { MonoTypeOperatorFunction, Observable, Subscription } from 'rxjs';
import type { CalmReading } from '../signal/calm-reading';
import type { Beat, PartnerId } from '../signal/types';
import type { CalibrationStep, LiveDependencies, StartedReadingKind } from './dependencies';
import type { CalibrationProgress } from './partner-view';

/** What a calibration runs on: the attached source. */
export interface CalibrationSource {
  readonly beats$: Observable<Beat>;
  readonly device: string;
  readonly demo: boolean;
  readonly speed: number;
}

/** What the partner made of a finished reading: kept or refused, in words, and whether it counts. */
export interface ReadingOutcome {
  readonly accepted: boolean;
  readonly message: string;
}

/** How a calibration changes its partner. */
export interface CalibrationTarget {
  readonly id: PartnerId;
  progress(calibration: CalibrationProgress | null): void;
  current(): CalibrationProgress | null;
  /** Checks the reading against the partner's earlier ones and keeps it; says what became of it. */
  takeReading(reading: CalmReading): ReadingOutcome;
}

export class PartnerCalibration {
  private run: Subscription | null = null;

  constructor(
    private readonly deps: LiveDependencies,
    private readonly target: CalibrationTarget,
    private readonly track: <T>(label: string) => MonoTypeOperatorFunction<T>,
  ) {}

  get running(): boolean {
    return this.run !== null;
  }

  /**
   * Starts a reading of `kind` on the source's next beats; without a source it fails at once,
   * saying what to do.
   */
  start(source: CalibrationSource | null, kind: StartedReadingKind = 'calibration'): void {
    this.stop();
    const totalSec = kind === 'calm-check' ? this.deps.calmCheckSec : this.deps.calibrationSec;
    if (!source) {
      this.target.progress({ kind, phase: 'failed', elapsedSec: 0, totalSec, message: 'Connect a strap or the simulator first.' });
      return;
    }
    const { demo } = source;
    let elapsedSec = 0;
    this.target.progress({ kind, phase: 'waiting-for-beats', elapsedSec, totalSec, message: null });
    this.run = this.deps
      .calibrate(source.beats$, { device: source.device, demo, speed: source.speed, kind, durationSec: totalSec })
      .pipe(this.track<CalibrationStep>(`calibration-${this.target.id}`))
      .subscribe({
        next: (step) => {
          if (step.kind === 'progress') {
            elapsedSec = step.elapsedSec;
            this.target.progress({ kind, phase: 'recording', elapsedSec, totalSec, message: null });
            return;
          }
          this.run = null;
          const outcome = this.target.takeReading(step.reading);
          this.target.progress({ kind, phase: outcome.accepted ? 'done' : 'refused', elapsedSec, totalSec, message: outcome.message });
        },
        error: (error: unknown) => {
          this.run = null;
          this.target.progress({
            kind,
            phase: 'failed',
            elapsedSec,
            totalSec,
            message: error instanceof Error ? error.message : String(error),
          });
        },
        complete: () => {
          this.run = null;
        },
      });
  }

  /** Abandons a running calibration and clears what it showed. */
  cancel(): void {
    this.stop();
    this.target.progress(null);
  }

  /** The source went away mid-reading: it stops, and says why. */
  sourceLost(): void {
    if (!this.run) return;
    this.stop();
    const current = this.target.current();
    this.target.progress({
      kind: current?.kind ?? 'calibration',
      phase: 'failed',
      elapsedSec: current?.elapsedSec ?? 0,
      totalSec: current?.totalSec ?? this.deps.calibrationSec,
      message: 'the source was disconnected, so the reading stopped.',
    });
  }

  stop(): void {
    this.run?.unsubscribe();
    this.run = null;
  }
}
