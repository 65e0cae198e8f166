// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { RegionBoundary } from './region-boundary';

afterEach(cleanup);

let failing = true;
function Fragile() {
  if (failing) throw new Error('live view: the chart could not be drawn');
  return <p>chart</p>;
}

describe('RegionBoundary', () => {
  it('RegionBoundary shows a calm message in its region only, and "Try again" re-mounts it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    failing = true;
    render(
      <>
        <p>the rest of the app</p>
        <RegionBoundary region="The live view">
          <Fragile />
        </RegionBoundary>
      </>,
    );
    expect(screen.getByRole('alert').textContent).toContain('The live view stopped');
    expect(screen.getByText(/Nothing you saved is lost/)).toBeTruthy();
    expect(screen.getByText(/the chart could not be drawn/)).toBeTruthy();
    expect(screen.getByText('the rest of the app')).toBeTruthy();

    failing = false;
    await act(async () => screen.getByRole('button', { name: 'Try again' }).click());
    expect(screen.getByText('chart')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    logged.mockRestore();
  });
});
