import { useEffect, useRef } from 'react';

interface ProblemProps {
  message: string;
  hint: string;
  onDismiss?: () => void;
  /** Move focus here when it appears: the problem answers what the person just did. */
  takeFocus?: boolean;
}

/** A failure a person can act on: what went wrong, then what to do. */
export function Problem({ message, hint, onDismiss, takeFocus = false }: ProblemProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) box.current?.focus();
  }, [takeFocus, message]);
  return (
    <div role="alert" className="problem" ref={box} tabIndex={takeFocus ? -1 : undefined}>
      <strong>{message}</strong>
      <p>{hint}</p>
      {onDismiss && <button onClick={onDismiss}>Dismiss</button>}
    </div>
  );
}
