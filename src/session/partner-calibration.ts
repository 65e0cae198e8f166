/**
 * One partner's seated-rest calibration (DESIGN.md, Readiness gate): it runs on the attached
 * source's beats, reports its progress in event time, and ends with a baseline — a demo one for
 * simulated data (never stored), else the partner's own, kept in storage when there is storage.
 */
import type { MonoTypeOperatorFunction, Observable, Subscription } from 'rxjs';
import type { Baseline, Beat, PartnerId } from '../signal/types';
import type { CalibrationStep, LiveDependencies } from './dependencies';
import type { CalibrationProgress } from './partner-view';

/** What a calibration runs on: the attached source. */
export interface CalibrationSource {
  readonly beats$: Observable<Beat>;
  readonly device: string;
  readonly demo: boolean;
  readonly speed: number;
}

/** How a calibration changes its partner. */
export interface CalibrationTarget {
  readonly id: PartnerId;
  progress(calibration: CalibrationProgress | null): void;
  current(): CalibrationProgress | null;
  ownBaseline(): Baseline | null;
  setOwnBaseline(baseline: Baseline): void;
  setDemoBaseline(baseline: Baseline): void;
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

  /** Starts on the source's next beats; without a source it fails at once, saying what to do. */
  start(source: CalibrationSource | null): void {
    this.stop();
    const totalSec = this.deps.calibrationSec;
    if (!source) {
      this.target.progress({ phase: 'failed', elapsedSec: 0, totalSec, message: 'Connect a strap or the simulator first.' });
      return;
    }
    const { demo } = source;
    let elapsedSec = 0;
    this.target.progress({ phase: 'waiting-for-beats', elapsedSec, totalSec, message: null });
    this.run = this.deps
      .calibrate(source.beats$, { device: source.device, previous: demo ? null : this.target.ownBaseline(), demo, speed: source.speed })
      .pipe(this.track<CalibrationStep>(`calibration-${this.target.id}`))
      .subscribe({
        next: (step) => {
          if (step.kind === 'progress') {
            elapsedSec = step.elapsedSec;
            this.target.progress({ phase: 'recording', elapsedSec, totalSec, message: null });
            return;
          }
          this.finish(step.baseline, demo, elapsedSec);
        },
        error: (error: unknown) => {
          this.run = null;
          this.target.progress({ phase: 'failed', elapsedSec, totalSec, message: error instanceof Error ? error.message : String(error) });
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

  /** The source went away mid-calibration: it stops, and says why. */
  sourceLost(): void {
    if (!this.run) return;
    this.stop();
    const elapsedSec = this.target.current()?.elapsedSec ?? 0;
    this.target.progress({
      phase: 'failed',
      elapsedSec,
      totalSec: this.deps.calibrationSec,
      message: 'the source was disconnected, so calibration stopped.',
    });
  }

  stop(): void {
    this.run?.unsubscribe();
    this.run = null;
  }

  private finish(baseline: Baseline, demo: boolean, elapsedSec: number): void {
    const done = (message: string) => this.target.progress({ phase: 'done', elapsedSec, totalSec: this.deps.calibrationSec, message });
    if (demo) {
      this.target.setDemoBaseline(baseline);
      done('Demo baseline updated (simulated data, not stored).');
      return;
    }
    this.target.setOwnBaseline(baseline);
    const store = this.deps.baselines;
    if (!store) {
      done('Baseline in use for this session (storage is not available, so it is not kept).');
      return;
    }
    done('Baseline saved on this device.');
    store.save(this.target.id, baseline).catch((error: unknown) => {
      done(`Baseline in use, but it could not be saved: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
