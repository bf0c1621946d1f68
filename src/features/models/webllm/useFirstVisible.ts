import { useEffect, useRef } from 'react';

/**
 * Runs `onVisible` the first time the element is on screen. Pages stay mounted behind hidden tabs, so this keeps
 * the WebLLM panel from starting its 6 MB worker before anyone opens the Models tab.
 */
export function useFirstVisible<T extends Element>(onVisible: () => void) {
  const ref = useRef<T>(null);
  const callback = useRef(onVisible);
  useEffect(() => {
    callback.current = onVisible;
  });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        callback.current();
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return ref;
}
