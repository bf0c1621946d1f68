import { Component, type ReactNode } from 'react';

interface Props {
  area: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** Keeps one broken area from taking the whole lab down, and says so. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="problem">
        <strong>The {this.props.area} area failed: {this.state.error.message}</strong>
        <p>Your stored data is safe. <button onClick={() => this.setState({ error: null })}>Try again</button></p>
      </div>
    );
  }
}
