import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface RegionBoundaryProps {
  /** What this region is, in plain words, for the message ("The live view"). */
  readonly region: string;
  readonly children: ReactNode;
}

interface RegionBoundaryState {
  readonly error: Error | null;
}

/**
 * One error boundary per region (connection and live view, routine player, history): a failure in
 * one part shows a calm message in that part only and never blanks the whole app. Nothing stored is
 * lost; "Try again" re-mounts the region.
 */
export class RegionBoundary extends Component<RegionBoundaryProps, RegionBoundaryState> {
  override state: RegionBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): RegionBoundaryState {
    return { error: error instanceof Error ? error : new Error(`render: ${String(error)}`) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.region}: stopped with an error`, error, info.componentStack);
  }

  private readonly retry = () => this.setState({ error: null });

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <section className="card region-error" role="alert" aria-labelledby="region-error-heading">
        <h2 id="region-error-heading">{this.props.region} stopped</h2>
        <p>Something went wrong here. Nothing you saved is lost, and the rest of Attune still works.</p>
        <p className="muted">
          <small>Details: {error.message}</small>
        </p>
        <button type="button" className="primary" onClick={this.retry}>
          Try again
        </button>
      </section>
    );
  }
}
