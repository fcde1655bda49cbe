/**
 * Last line of defence: if a panel throws while rendering, it is replaced by a message with a
 * way back, and the rest of the studio (and the training worker) keeps going.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ name: string; children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`KD Studio: the ${this.props.name} panel failed`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="panel-error" role="alert">
        <strong>The {this.props.name} panel hit a problem:</strong> {this.state.error.message}
        <button type="button" className="btn btn-small" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
