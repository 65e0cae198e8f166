import { RrFileError } from '../rr-file';

/** The RrFileError that `run` throws; any other outcome fails the test. */
export function errorOf(run: () => unknown): RrFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof RrFileError) return error;
    throw error;
  }
  throw new Error('test: expected an RrFileError');
}
