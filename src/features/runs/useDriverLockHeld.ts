import { useEffect, useState } from 'react';
import { runsApi } from './api';

/**
 * Whether some tab holds the driver lock, checked every second while `watch` is true. Web Locks say nothing when
 * a lock is released, so a tab that only watches asks again; a closed or crashed tab releases its lock at once.
 */
export function useDriverLockHeld(watch: boolean): boolean | null {
  const [held, setHeld] = useState<boolean | null>(null);
  useEffect(() => {
    if (!watch) return;
    let alive = true;
    const check = () =>
      void runsApi.driverLockHeld().then((value) => {
        if (alive) setHeld(value);
      });
    check();
    const timer = setInterval(check, 1000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [watch]);
  return watch ? held : null;
}
