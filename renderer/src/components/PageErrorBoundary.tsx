import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Called on "Try again", before the page is mounted afresh. */
  onRetry?: () => void;
}

interface State {
  error: Error | undefined;
  /** Counts "Try again" presses: each one mounts the page afresh (a page whose code failed to load loads it again). */
  attempt: number;
}

/** A page's script file could not be fetched or read (the wording differs between engines). */
function isCodeLoadFailure(error: Error): boolean {
  return /dynamically imported module|importing a module script failed|error loading dynamically imported module/i.test(error.message);
}

/**
 * Keeps a failure inside one page (a page that could not be loaded, or a bug while drawing it)
 * from blanking the whole window: the navigation stays, so the user can go elsewhere, and the
 * message says that their saved work is untouched. The shell keys it by route, so leaving the
 * page clears it.
 */
export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('A page failed to show.', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>;
    return (
      <section className="page page-error" role="alert" aria-labelledby="page-error-heading">
        <h1 id="page-error-heading">This page could not be shown</h1>
        <p>Your saved work is not affected. Choose another page above, or try this one again.</p>
        <p className="problems">{isCodeLoadFailure(error) ? 'Part of the app could not be read. Try again; if it keeps happening, close the app and open it again, or reinstall it.' : 'Something went wrong while showing this page.'}</p>
        <details>
          <summary>Details for support</summary>
          <p>{error.message}</p>
        </details>
        <button type="button" onClick={() => {
            this.props.onRetry?.();
            this.setState((state) => ({ error: undefined, attempt: state.attempt + 1 }));
          }}>
          Try again
        </button>
      </section>
    );
  }
}
