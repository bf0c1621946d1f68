interface ProblemProps {
  message: string;
  hint: string;
  onDismiss?: () => void;
}

/** A failure a person can act on: what went wrong, then what to do. */
export function Problem({ message, hint, onDismiss }: ProblemProps) {
  return (
    <div role="alert" className="problem">
      <strong>{message}</strong>
      <p>{hint}</p>
      {onDismiss && <button onClick={onDismiss}>Dismiss</button>}
    </div>
  );
}
