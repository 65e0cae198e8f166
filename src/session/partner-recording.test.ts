import { describe, expect, it } from 'vitest';
import { RrFileError, parseRrFile, readRrFile } from '../sources/recordings/rr-file';
import { readFitHrv } from '../sources/recordings/rr-fit';
import { encodeFitHrv } from '../sources/recordings/testing/fit-fixture';
import type { HeartRateSource } from '../sources/heart-rate-source';
import { openRecording } from './partner-recording';
import { checkReplayRecording } from '../sources/recordings/replay-source';

const file = (name: string, content: string | Uint8Array) => ({
  name,
  arrayBuffer: () => Promise.resolve(new Uint8Array(typeof content === 'string' ? new TextEncoder().encode(content) : content).buffer),
});

describe('openRecording', () => {
  const played: { rrMs: number[]; tSec?: number[]; speed: number; name?: string }[] = [];
  const deps = {
    readRrFile: async (contents: Uint8Array | Blob, name?: string) => {
      const bytes = contents instanceof Uint8Array ? contents : new Uint8Array(await contents.arrayBuffer());
      const read = readRrFile(bytes, name, { readFit: readFitHrv });
      return { rrMs: read.rrMs, tSec: read.hasTimeColumn ? read.tSec : null, warnings: read.warnings };
    },
    replay: (options: { recording: { rrMs: ArrayLike<number>; tSec?: ArrayLike<number> }; speed: number; name?: string }) => {
      const { rrMs, tSec } = options.recording;
      played.push({ rrMs: Array.from(rrMs), ...(tSec ? { tSec: Array.from(tSec) } : {}), speed: options.speed, name: options.name });
      return {} as HeartRateSource;
    },
  };

  it("builds a replay source at the given speed with the file as its origin, and passes on the reader's notes", async () => {
    const opened = await openRecording(deps, file('rest.txt', '800\n810\n805\n120'), 20);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.origin).toEqual({ kind: 'replay', label: 'rest.txt', demo: false, speed: 20 });
    expect(played.at(-1)).toMatchObject({ rrMs: [800, 810, 805, 120], speed: 20, name: 'rest.txt' });
    expect(opened.warnings.join(' ')).toMatch(/outside/);
  });

  it('plays a FIT file and a Kubios text in seconds, with what the reader noted', async () => {
    const fit = await openRecording(deps, file('ride.fit', encodeFitHrv([[0.8, 0.81]])), 1);
    expect(fit.ok && fit.warnings).toEqual(['read 2 intervals from 1 FIT HRV messages']);
    expect(played.at(-1)).toMatchObject({ rrMs: [800, 810], name: 'ride.fit' });
    const kubios = await openRecording(deps, file('kubios.txt', '0.8\n0.81\n'), 1);
    expect(kubios.ok && kubios.warnings[0]).toMatch(/^the intervals are in seconds/);
    expect(played.at(-1)).toMatchObject({ rrMs: [800, 810] });
  });

  it('says why a file cannot be read and what Attune reads, and builds nothing', async () => {
    const before = played.length;
    const opened = await openRecording(deps, file('notes.txt', 'we had a fight'), 1);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error).toMatch(/^This recording could not be read — parse RR file notes\.txt: .+ Attune reads .+\.$/);
    expect(played.length).toBe(before);
    expect(() => parseRrFile('we had a fight', 'notes.txt')).toThrow(RrFileError);
  });

  it('hands a recording the reader already checked to the replay as it is, not its raw intervals', async () => {
    const checked = checkReplayRecording({ rrMs: [800, 810] });
    let given: unknown;
    const opened = await openRecording(
      {
        readRrFile: () => Promise.resolve({ rrMs: checked.rrMs, tSec: null, warnings: [], checked }),
        replay: (options) => {
          given = options.recording;
          return {} as HeartRateSource;
        },
      },
      file('rest.txt', '800\n810\n'),
      1,
    );
    expect(opened.ok).toBe(true);
    expect(given).toBe(checked);
  });

  it('hands a browser File to the reader as it is, so its bytes are read where the reader runs', async () => {
    let given: unknown;
    const chosen = new File(['800\n810\n'], 'rest.txt');
    const opened = await openRecording(
      {
        readRrFile: (contents, name) => {
          given = contents;
          return deps.readRrFile(contents, name);
        },
        replay: deps.replay,
      },
      chosen,
      1,
    );
    expect(given).toBe(chosen);
    expect(opened.ok).toBe(true);
    expect(played.at(-1)).toMatchObject({ rrMs: [800, 810], name: 'rest.txt' });
  });
});
