/**
 * Speed of the simulator and the Heart Rate Measurement parser: a 24-hour recording for two
 * partners (with artifacts and dropouts) must take "a couple of seconds" at most, and parsing must
 * keep far ahead of any strap (a strap sends about one packet a second).
 */
import { encodeHeartRateMeasurement, parseHeartRateMeasurement } from '../src/sources/bluetooth/heart-rate-measurement';
import { simulateRr } from '../src/sim/simulator';

export const title = 'simulator and parser speed: 24 h for two partners, packets parsed per second';

const BUDGET = {
  /** 24 h of RR for both partners, conflict scenario with artifacts and dropouts, seconds. */
  dayForTwoSec: 2,
  /** Packets parsed per second (a strap sends ~1/s; two straps 2/s). */
  packetsPerSec: 200_000,
} as const;

export async function run(): Promise<boolean> {
  let ok = true;
  const check = (pass: boolean, what: string): void => {
    console.log(`  ${pass ? 'ok  ' : 'MISS'} ${what}`);
    ok &&= pass;
  };

  const started = performance.now();
  const a = simulateRr({
    durationSec: 86_400,
    scenario: 'conflict',
    partner: 'a',
    artifacts: { ectopic: 0.005, missed: 0.003, extra: 0.002 },
    dropouts: { perHour: 2 },
  });
  const b = simulateRr({ durationSec: 86_400, scenario: 'calm', partner: 'b', artifacts: { ectopic: 0.005 } });
  const daySec = (performance.now() - started) / 1000;
  check(
    daySec < BUDGET.dayForTwoSec,
    `24 h for two partners: ${daySec.toFixed(2)} s for ${a.rrMs.length + b.rrMs.length} beats (budget ${BUDGET.dayForTwoSec} s)`,
  );

  const packets = Array.from({ length: 1000 }, (_, i) =>
    encodeHeartRateMeasurement({
      bpm: 60 + (i % 40),
      rrIntervalsMs: [800 + (i % 50), 790],
      sensorContact: 'detected',
      ...(i % 3 === 0 ? { energyExpendedKj: i } : {}),
    }),
  );
  const views = packets.map((p) => new DataView(p.buffer));
  let parsed = 0;
  const parseStart = performance.now();
  while (performance.now() - parseStart < 300) {
    for (const view of views) parseHeartRateMeasurement(view);
    parsed += views.length;
  }
  const perSec = parsed / ((performance.now() - parseStart) / 1000);
  check(
    perSec > BUDGET.packetsPerSec,
    `parser: ${Math.round(perSec).toLocaleString('en')} packets/s (budget > ${BUDGET.packetsPerSec.toLocaleString('en')})`,
  );
  return ok;
}
