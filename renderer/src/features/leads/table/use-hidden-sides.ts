import { type RefObject, useEffect, useState } from 'react';

/**
 * Whether the scroller hides columns to its left or right, so the table can show an edge shade there: a
 * rep sees at once that the table goes on sideways, whatever their system does with scrollbars.
 */
export interface HiddenSides {
  left: boolean;
  right: boolean;
  /** the scrollbars' thickness, so the shade stops at them */
  barRight: number;
  barBottom: number;
}

export function useHiddenSides(scroller: RefObject<HTMLElement | null>): HiddenSides {
  const [sides, setSides] = useState<HiddenSides>({ left: false, right: false, barRight: 0, barBottom: 0 });
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      const next = {
        left: el.scrollLeft > 1,
        right: el.scrollLeft + el.clientWidth < el.scrollWidth - 1,
        barRight: el.offsetWidth - el.clientWidth - el.clientLeft * 2,
        barBottom: el.offsetHeight - el.clientHeight - el.clientTop * 2,
      };
      setSides((s) =>
        s.left === next.left &&
        s.right === next.right &&
        s.barRight === next.barRight &&
        s.barBottom === next.barBottom
          ? s
          : next,
      );
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const resized = new ResizeObserver(measure);
    resized.observe(el);
    if (el.firstElementChild) resized.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', measure);
      resized.disconnect();
    };
  }, [scroller]);
  return sides;
}
