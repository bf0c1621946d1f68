import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

const PAGE = 100;

interface VirtualRowsProps<T> {
  label: string;
  rowCount: number;
  rowHeight: number;
  height: number;
  /** Changes whenever the rows behind the indexes change, dropping cached pages. */
  cacheKey: string;
  fetchPage(start: number, count: number): Promise<T[]>;
  renderRow(item: T | undefined, index: number): ReactNode;
}

/**
 * A list that renders only the rows on screen and loads them a page at a time, so 100k rows cost no more than 50.
 */
export function VirtualRows<T>({ label, rowCount, rowHeight, height, cacheKey, fetchPage, renderRow }: VirtualRowsProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<{ key: string; rows: Map<number, T[]> }>({ key: cacheKey, rows: new Map() });
  const loading = useRef(new Set<string>());
  const current = useMemo(() => (pages.key === cacheKey ? pages.rows : new Map<number, T[]>()), [pages, cacheKey]);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is the documented exception.
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (rowCount === 0) return;
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page += 1) {
      const id = `${cacheKey}:${page}`;
      if (current.has(page) || loading.current.has(id)) continue;
      loading.current.add(id);
      void fetchPage(page * PAGE, Math.min(PAGE, rowCount - page * PAGE)).then((rows) => {
        loading.current.delete(id);
        setPages((prev) => {
          const base = prev.key === cacheKey ? prev.rows : new Map<number, T[]>();
          return { key: cacheKey, rows: new Map(base).set(page, rows) };
        });
      });
    }
  }, [first, last, cacheKey, rowCount, fetchPage, current]);

  return (
    <div ref={scrollRef} className="virtual-rows" style={{ height: Math.min(height, Math.max(rowHeight, rowCount * rowHeight)) }}>
      <ul aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => (
          <li key={item.key} style={{ transform: `translateY(${item.start}px)`, height: rowHeight }}>
            {renderRow(current.get(Math.floor(item.index / PAGE))?.[item.index % PAGE], item.index)}
          </li>
        ))}
      </ul>
    </div>
  );
}
