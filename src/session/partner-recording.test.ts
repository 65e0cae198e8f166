import { describe, expect, it } from 'vitest';
import { RrFileError, parseRrFile } from '../ble/rr-file';
import type { HeartRateSource } from '../ble/heart-rate-source';
import { openRecording } from './partner-recording';

const file = (name: string, text: string) => ({ name, text: () => Promise.resolve(text) });

describe('openRecording', () => {
  const played: { rrMs: number[]; tSec?: number[]; speed: number; name?: string }[] = [];
  const deps = {
    parseRrFile,
    replay: (options: { recording: { rrMs: number[]; tSec?: number[] }; speed: number; name?: string }) => {
      played.push({ ...options.recording, speed: options.speed, name: options.name });
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

  it('says why a file cannot be read and what Attune reads, and builds nothing', async () => {
    const before = played.length;
    const opened = await openRecording(deps, file('notes.txt', 'we had a fight'), 1);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error).toMatch(/^This recording could not be read — parse RR file notes\.txt: .+ Attune reads .+\.$/);
    expect(played.length).toBe(before);
    expect(() => parseRrFile('we had a fight', 'notes.txt')).toThrow(RrFileError);
  });
});
