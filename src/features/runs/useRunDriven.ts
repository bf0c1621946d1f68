import { useEffect, useState } from 'react';
import { runsApi } from './api';

/**
 * Whether some tab drives this run, checked every second while `watch` is true. Web Locks say nothing when a lock
 * is released, so a tab that only watches asks again; a closed or crashed tab releases its locks at once.
 */
export function useRunDriven(runId: string, watch: boolean): boolean | null {
  const [driven, setDriven] = useState<boolean | null>(null);
  useEffect(() => {
    if (!watch) return;
    let alive = true;
    const check = () =>
      void runsApi.runDriven(runId).then((value) => {
        if (alive) setDriven(value);
      });
    check();
    const timer = setInterval(check, 1000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [runId, watch]);
  return watch ? driven : null;
}
