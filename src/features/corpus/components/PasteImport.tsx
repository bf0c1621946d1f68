import { useState } from 'react';
import { useCorpusStore } from '../corpusStore';

export function PasteImport() {
  const busy = useCorpusStore((s) => s.task !== null);
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  function start() {
    const title = name.trim() || `Pasted text ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
    void useCorpusStore.getState().startImport({ kind: 'paste', name: title, text }, `Importing ${title}`);
    setText('');
  }
  return (
    <div className="import-option">
      <h3>Pasted text</h3>
      <label>
        Pasted text
        <textarea rows={5} value={text} onChange={(e) => setText(e.target.value)} placeholder="One document: paste a page of math text…" />
      </label>
      <label>
        Source name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Pasted text" />
      </label>
      <button className="primary" disabled={!text.trim() || busy} onClick={start}>Import pasted text</button>
    </div>
  );
}
