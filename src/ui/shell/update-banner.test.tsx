// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import type { PendingUpdate } from './service-worker';

let announce: ((update: PendingUpdate) => void) | null = null;
vi.mock('./service-worker', () => ({
  onUpdateReady: (listener: (update: PendingUpdate) => void) => {
    announce = listener;
    return () => undefined;
  },
}));

const { UpdateBanner } = await import('./update-banner');

afterEach(cleanup);

describe('UpdateBanner', () => {
  it('UpdateBanner shows nothing until a new version waits', () => {
    render(<UpdateBanner hold={false} />);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('UpdateBanner says a new version is ready and reloads only when asked', async () => {
    const activate = vi.fn();
    render(<UpdateBanner hold={false} />);
    await act(async () => announce?.({ activate }));
    expect(screen.getByText(/A new version of Attune is ready — reload when you’re done/)).toBeTruthy();
    expect(activate).not.toHaveBeenCalled();
    await act(async () => screen.getByRole('button', { name: 'Reload now' }).click());
    expect(activate).toHaveBeenCalledTimes(1);
  });

  it('UpdateBanner waits while a routine is on screen, then shows', async () => {
    const { rerender } = render(<UpdateBanner hold />);
    await act(async () => announce?.({ activate: () => undefined }));
    expect(screen.queryByRole('button', { name: 'Reload now' })).toBeNull();
    rerender(<UpdateBanner hold={false} />);
    expect(screen.getByRole('button', { name: 'Reload now' })).toBeTruthy();
  });

  it('UpdateBanner can be put off with "Later"', async () => {
    render(<UpdateBanner hold={false} />);
    await act(async () => announce?.({ activate: () => undefined }));
    await act(async () => screen.getByRole('button', { name: 'Later' }).click());
    expect(screen.queryByRole('button', { name: 'Reload now' })).toBeNull();
  });
});
