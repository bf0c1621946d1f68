import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { QueueEntry } from '../../../core/review/queue';

const ROW_HEIGHT = 44;
const STATE_LABEL = { unrated: 'not rated', draft: 'draft', submitted: 'submitted', discarded: 'discarded' } as const;

/** The queue as a list that renders only the rows on screen, so 100k dialogues cost no more than 30. */
export function QueueList({ queue, focusIndex, blind, onOpen }: { queue: readonly QueueEntry[]; focusIndex: number; blind: boolean; onOpen(index: number): void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is the documented exception.
  const virtualizer = useVirtualizer({ count: queue.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  useEffect(() => {
    if (!queue.length) return;
    // Scrolling reads the list's layout (a forced reflow on every J): only when the focused row is not in full view.
    const shown = virtualizer.range;
    if (shown && focusIndex > shown.startIndex && focusIndex < shown.endIndex) return;
    virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
  }, [focusIndex, queue.length, virtualizer]);
  return (
    <div ref={scrollRef} className="queue-list">
      <ol aria-label="Review queue" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = queue[item.index]!;
          const { analysis } = entry;
          return (
            <li key={entry.dialogueId} style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
              <button type="button" aria-current={item.index === focusIndex ? 'true' : undefined} onClick={() => onOpen(item.index)}>
                <span className="queue-index">{item.index + 1}</span>
                <span className={`queue-filter ${analysis.filters.pass ? 'pass' : 'fail'}`}>{analysis.filters.pass ? 'pass' : 'fail'}</span>
                <span className="queue-style">{analysis.style}</span>
                {!blind && <span className="queue-model muted">{analysis.modelKey.split(':').slice(1).join(':')}</span>}
                <span className={`queue-state state-${entry.state}`}>{STATE_LABEL[entry.state]}</span>
                <span className="queue-coverage muted" title="Math coverage">
                  {Math.round(analysis.signals.mathCoverage * 100)}%
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
