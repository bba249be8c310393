import { useEffect, useState } from 'react';

/**
 * Whole seconds left until `seconds` after `since` (a Date.now() value), ticking once a
 * second and stopping at 0. `since` null means nothing is counting.
 */
export function useCountdown(since: number | null, seconds: number): number {
  const left = () => (since === null ? 0 : Math.max(0, Math.ceil((since + seconds * 1000 - Date.now()) / 1000)));
  const [value, setValue] = useState(left);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `left` is rebuilt from these two every render
  useEffect(() => {
    setValue(left());
    if (since === null) return;
    const timer = setInterval(() => {
      const now = left();
      setValue(now);
      if (now === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [since, seconds]);
  return value;
}
