import { readFileSync } from 'node:fs';
import { readRrFile } from '../src/sources/recordings/rr-file';
import { calmFromSpan, endOf, gateRows, gateStatuses, paramsForFile } from '../src/cli/gate-replay';
import { READINESS_PARAMS } from '../src/signal/readiness-params';
import { loadStressPerson, stressNames } from '../tests/stress-recordings';
const over = JSON.parse(process.env.OVER ?? '{}');
const base = { ...READINESS_PARAMS, ...over };
for (const sig of ['RR', 'HR']) for (const mode of ['calibration', 'first-night']) {
  let tj = 0, tn = 0, rj = 0, rr = 0, ts = 0, rs = 0;
  for (const name of stressNames()) {
    const p = loadStressPerson(name);
    const path = sig === 'RR' ? p.ibiPath : p.hrPath;
    const off = sig === 'RR' ? 0 : p.hrOffsetSec;
    const file = readRrFile(readFileSync(path), path);
    const params = paramsForFile(file, base);
    let baseline = null;
    if (mode === 'calibration') {
      const s = p.spans.find((x) => x.name === 'calibration')!;
      baseline = calmFromSpan(file, { startSec: s.startSec - off, endSec: s.endSec - off }, params, { recordedAt: '2022-01-01T00:00:00.000Z', device: 'E4' }).baseline;
    }
    const rows = gateRows(gateStatuses({ file, baseline, params }, null), 1, endOf(file), false);
    for (const s of p.spans) {
      if (s.kind === 'rest') continue;
      const task = s.kind === 'stress';
      for (const r of rows) {
        if (r.tSec < s.startSec + (task ? 30 : 120) - off || r.tSec >= s.endSec - off) continue;
        const j = r.aState !== 'no-signal' && r.aState !== 'calibrating';
        if (task) { ts++; if (j) { tj++; if (r.gate !== 'ready') tn++; } } else { rs++; if (j) { rj++; if (r.gate === 'ready') rr++; } }
      }
    }
  }
  console.log(sig, mode.padEnd(12), 'tasksNotReady', (100 * tn / tj).toFixed(1), 'recReady', (100 * rr / rj).toFixed(1), 'contrast', (100 * (tn / tj - (1 - rr / rj))).toFixed(1), 'judged', (100 * (tj + rj) / (ts + rs)).toFixed(0));
}
