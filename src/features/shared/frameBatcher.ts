/** Coalesces many schedule() calls into one callback per animation frame. */
export function createFrameBatcher(callback: () => void) {
  let pending: number | null = null;
  const run = () => {
    pending = null;
    callback();
  };
  return {
    schedule() {
      if (pending === null) pending = requestAnimationFrame(run);
    },
    flush() {
      if (pending !== null) cancelAnimationFrame(pending);
      run();
    },
    cancel() {
      if (pending !== null) cancelAnimationFrame(pending);
      pending = null;
    },
  };
}
