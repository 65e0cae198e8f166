/**
 * Reads a recording off the page's main thread, so a large file (10 MB of RR text is about two
 * million beats) leaves the page responsive while it is read. One request per worker: the bytes
 * in, the intervals (transferred, not copied) or the reader's error out.
 */
import { RrFileError, readRrFile } from '../../ble/rr-file';
import { readFitHrv } from '../../ble/rr-fit';
import type { RrFileRequest, RrFileResponse } from './rr-file-reader';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<RrFileRequest>) => void) | null;
  postMessage(message: RrFileResponse, transfer: Transferable[]): void;
};

scope.onmessage = (event) => {
  const { bytes, name } = event.data;
  try {
    const file = readRrFile(new Uint8Array(bytes), name, { readFit: readFitHrv });
    const rrMs = Float64Array.from(file.rrMs);
    const tSec = file.hasTimeColumn ? Float64Array.from(file.tSec) : null;
    scope.postMessage({ ok: true, rrMs, tSec, warnings: file.warnings }, tSec ? [rrMs.buffer, tSec.buffer] : [rrMs.buffer]);
  } catch (error) {
    const expected = error instanceof RrFileError ? error.expected : undefined;
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error), expected }, []);
  }
};
