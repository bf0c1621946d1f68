import { useEffect, useState } from 'react';
import type { DocumentRecord, ExcerptRecord } from '../../../core/records/corpus';
import type { LabHandoff } from '../../shared';
import { fetchDocument, fetchExcerptsByIds } from '../corpusQueries';
import { useCorpusStore } from '../corpusStore';
import { MathText } from '../../shared';

export function ExcerptView({ id, handoff }: { id: number; handoff: LabHandoff }) {
  const [loaded, setLoaded] = useState<{ id: number; excerpt: ExcerptRecord | null; document: DocumentRecord | null } | null>(null);
  const [tagText, setTagText] = useState('');
  useEffect(() => {
    let live = true;
    void (async () => {
      const [excerpt] = await fetchExcerptsByIds([id]);
      const document = excerpt ? await fetchDocument(excerpt.documentId) : undefined;
      if (!live) return;
      setLoaded({ id, excerpt: excerpt ?? null, document: document ?? null });
      setTagText(excerpt?.tags.join(', ') ?? '');
    })();
    return () => { live = false; };
  }, [id]);
  if (!loaded || loaded.id !== id) return <p className="muted">Loading excerpt…</p>;
  const { excerpt, document } = loaded;
  if (!excerpt) return <p role="alert" className="problem">Excerpt {id} no longer exists.</p>;

  function useInGenerate() {
    handoff.useExcerptInGenerate({ text: excerpt!.text, excerptId: String(id), url: document?.url ?? null });
  }
  async function saveTags() {
    await useCorpusStore.getState().updateTags(id, tagText.split(','));
    setLoaded((l) => l && l.excerpt && { ...l, excerpt: { ...l.excerpt, tags: tagText.split(',').map((t) => t.trim()).filter(Boolean) } });
  }

  return (
    <section aria-label={`Excerpt ${id}`} className="card excerpt-view">
      <h2>Excerpt #{id}</h2>
      <p className="muted">
        {document?.url ?? '(no url)'} · part {excerpt.index + 1} · {excerpt.tokens} tokens · {excerpt.mathSpans} math spans
        {excerpt.oversized && ' · oversized (a math block longer than the max stays whole)'}
      </p>
      {typeof document?.metadata?.license === 'string' && <p className="muted">License: {document.metadata.license}</p>}
      <div className="excerpt-columns">
        <div>
          <h3>Rendered</h3>
          <div className="rendered" aria-label="Rendered excerpt" role="region"><MathText text={excerpt.text} /></div>
        </div>
        <div>
          <h3>Raw text</h3>
          <pre className="raw" aria-label="Raw excerpt" role="region">{excerpt.text}</pre>
        </div>
      </div>
      <div className="row">
        <label className="grow">
          Tags (comma-separated)
          <input value={tagText} onChange={(e) => setTagText(e.target.value)} />
        </label>
        <button onClick={() => void saveTags()}>Save tags</button>
        <button className="primary" onClick={useInGenerate}>Use in Generate</button>
      </div>
    </section>
  );
}
