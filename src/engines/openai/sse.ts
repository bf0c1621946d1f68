/** One server-sent event: its `event:` name ('message' when absent) and its `data:` lines joined by newlines. */
export interface SseEvent {
  event: string;
  data: string;
}

export interface SseDecoder {
  /** Feeds the next bytes as they arrived; returns the events they completed. */
  push(bytes: Uint8Array): SseEvent[];
  /** The stream ended: returns what was still pending. */
  end(): SseEvent[];
}

/**
 * Incremental text/event-stream decoder (the WHATWG format). Network chunks may split the stream anywhere: inside a
 * UTF-8 character, inside a line, between `\r` and `\n`. An event still open when the stream ends is delivered
 * rather than dropped, because some servers omit the last blank line.
 */
export function createSseDecoder(): SseDecoder {
  const utf8 = new TextDecoder('utf-8');
  let buffer = '';
  let dataLines: string[] = [];
  let eventName = '';

  const dispatch = (events: SseEvent[]) => {
    if (dataLines.length > 0) events.push({ event: eventName || 'message', data: dataLines.join('\n') });
    dataLines = [];
    eventName = '';
  };

  const handleLine = (line: string, events: SseEvent[]) => {
    if (line === '') return dispatch(events);
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') dataLines.push(value);
    else if (field === 'event') eventName = value;
  };

  const drainLines = (final: boolean): SseEvent[] => {
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const char = buffer[i];
      if (char === '\n') {
        handleLine(buffer.slice(start, i), events);
        start = i + 1;
      } else if (char === '\r') {
        // A trailing \r may be the first half of \r\n: wait for the next chunk to tell.
        if (i + 1 === buffer.length && !final) break;
        handleLine(buffer.slice(start, i), events);
        if (buffer[i + 1] === '\n') i++;
        start = i + 1;
      }
    }
    buffer = buffer.slice(start);
    return events;
  };

  return {
    push(bytes) {
      buffer += utf8.decode(bytes, { stream: true });
      return drainLines(false);
    },
    end() {
      buffer += utf8.decode();
      const events = drainLines(true);
      if (buffer !== '') handleLine(buffer, events);
      buffer = '';
      dispatch(events);
      return events;
    },
  };
}
