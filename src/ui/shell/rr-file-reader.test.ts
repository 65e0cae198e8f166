import { afterEach, describe, expect, it, vi } from 'vitest';
import { type RrFileError, readRrFile } from '../../sources/recordings/rr-file';
import type { LiveDependencies } from '../../session/dependencies';
import { RecordingReadError, workerRrFileReader } from './rr-file-reader';

type Listener = ((event: { data: unknown }) => void) | null;

/**
 * A Worker that runs rr-file-worker.ts in this thread: messages cross by structured cloning with
 * their transfer lists, as between a page and its worker, so moved buffers end up detached.
 * `stopAfterRequest`: the worker fails once it has taken the bytes.
 */
function workerClass(options: { stopAfterRequest?: boolean } = {}) {
  const made: FakeWorker[] = [];
  class FakeWorker {
    onmessage: Listener = null;
    onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
    terminated = false;
    /** What each request carried to the worker. */
    readonly requests: unknown[] = [];
    private readonly scope = {
      onmessage: null as Listener,
      postMessage: (message: unknown, transfer: Transferable[]) => {
        const data = structuredClone(message, { transfer });
        setTimeout(() => this.onmessage?.({ data }), 0);
      },
    };
    constructor() {
      made.push(this);
      vi.stubGlobal('self', this.scope);
      vi.resetModules();
      void import('./rr-file-worker');
    }
    postMessage(message: unknown, transfer: Transferable[]) {
      const data = structuredClone(message, { transfer });
      this.requests.push((data as { contents: unknown }).contents);
      setTimeout(() => {
        if (options.stopAfterRequest) this.onerror?.({ message: 'out of memory', preventDefault: () => undefined });
        else this.scope.onmessage?.({ data });
      }, 0);
    }
    terminate() {
      this.terminated = true;
    }
  }
  return { FakeWorker, made };
}

/** A Worker whose script never loads: it reports an error and takes no message. */
class UnloadableWorker {
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  posted = 0;
  constructor() {
    setTimeout(() => this.onerror?.({ message: '', preventDefault: () => undefined }), 0);
  }
  postMessage() {
    this.posted += 1;
  }
  terminate() {}
}

const noFallback: LiveDependencies['readRrFile'] = () => Promise.reject(new Error('the fallback reader was not expected to run'));
const bytesOf = (text: string) => new TextEncoder().encode(text);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('workerRrFileReader', () => {
  it('reads a file in the worker and gives the page a checked recording, the bytes moved rather than copied', async () => {
    const { FakeWorker, made } = workerClass();
    vi.stubGlobal('Worker', FakeWorker);
    const bytes = bytesOf('date,rr,since start\n2026-03-01 20:00:00.800,800,800\n2026-03-01 20:00:01.610,810,1610\n');
    const read = await workerRrFileReader(noFallback)(bytes, 'rest.csv');
    expect(Array.from(read.rrMs)).toEqual([800, 810]);
    expect(read.tSec).not.toBeNull();
    expect(read.checked?.afterGap).toEqual(new Uint8Array([0, 0]));
    expect(read.checked?.rrMs).toBe(read.rrMs);
    expect(bytes.buffer.byteLength).toBe(0);
    expect(made[0].terminated).toBe(true);
  });

  it('says there is no time column when the file has none, while the checked recording carries computed beat times', async () => {
    vi.stubGlobal('Worker', workerClass().FakeWorker);
    const read = await workerRrFileReader(noFallback)(bytesOf('1000\n500\n750\n'), 'kubios.txt');
    expect(read.tSec).toBeNull();
    expect(read.checked?.tSec).toEqual(new Float64Array([1, 1.5, 2.25]));
  });

  it('reads a heart-rate-only file in the worker: the checked recording carries its heart rate and no intervals', async () => {
    vi.stubGlobal('Worker', workerClass().FakeWorker);
    const read = await workerRrFileReader(noFallback)(bytesOf('1773565215.000000\n1.000000\n70.5\n71\n'), 'HR.csv');
    expect(read.checked?.hrBpm).toEqual(new Float64Array([70.5, 71]));
    expect(read.checked?.tSec).toEqual(new Float64Array([0, 1]));
    expect(read.checked?.rrMs).toHaveLength(0);
    expect(read.warnings[0]).toMatch(/^read as an Empatica E4 HR.csv/);
  });

  it("rejects with the reader's own message and what it expected there", async () => {
    vi.stubGlobal('Worker', workerClass().FakeWorker);
    const text = 'not,a,recording\nx,y,z\n';
    const direct = (() => {
      try {
        readRrFile(bytesOf(text), 'odd.csv');
      } catch (error) {
        return error as RrFileError;
      }
      throw new Error('expected the reader to refuse the file');
    })();
    const read = workerRrFileReader(noFallback)(bytesOf(text), 'odd.csv');
    await expect(read).rejects.toBeInstanceOf(RecordingReadError);
    await expect(read).rejects.toMatchObject({ message: direct.message, expected: direct.expected });
  });

  it('reads on the page with the fallback reader, bytes intact, when the worker script does not load', async () => {
    vi.stubGlobal('Worker', UnloadableWorker);
    const bytes = bytesOf('800\n810\n');
    const fallback = vi.fn<LiveDependencies['readRrFile']>(async (given) => ({
      rrMs: [given instanceof Uint8Array ? given.length : 0],
      tSec: null,
      warnings: [],
    }));
    const read = await workerRrFileReader(fallback)(bytes, 'rest.txt');
    expect(fallback).toHaveBeenCalledWith(bytes, 'rest.txt');
    expect(read.rrMs).toEqual([8]);
  });

  it('rejects with a clear error when the worker stops after taking the bytes', async () => {
    vi.stubGlobal('Worker', workerClass({ stopAfterRequest: true }).FakeWorker);
    await expect(workerRrFileReader(noFallback)(bytesOf('800\n810\n'), 'rest.txt')).rejects.toThrow(
      'the reader stopped while reading the file (out of memory)',
    );
  });

  it('gives the worker a browser File as it is, and the worker reads its bytes: the page never holds them', async () => {
    const { FakeWorker, made } = workerClass();
    vi.stubGlobal('Worker', FakeWorker);
    const read = await workerRrFileReader(noFallback)(new File(['1000\n500\n'], 'kubios.txt'), 'kubios.txt');
    expect(Array.from(read.rrMs)).toEqual([1000, 500]);
    expect(made[0].requests[0]).toBeInstanceOf(Blob);
  });

  it('reads a File again with the fallback reader when the worker stops after taking it', async () => {
    vi.stubGlobal('Worker', workerClass({ stopAfterRequest: true }).FakeWorker);
    const chosen = new File(['800\n810\n'], 'rest.txt');
    const fallback = vi.fn<LiveDependencies['readRrFile']>(async () => ({ rrMs: [800, 810], tSec: null, warnings: [] }));
    const read = await workerRrFileReader(fallback)(chosen, 'rest.txt');
    expect(fallback).toHaveBeenCalledWith(chosen, 'rest.txt');
    expect(read.rrMs).toEqual([800, 810]);
  });
});
