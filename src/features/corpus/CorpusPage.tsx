export function CorpusPage() {
  return (
    <section aria-labelledby="corpus-heading" className="card">
      <h2 id="corpus-heading">Corpus</h2>
      <p className="muted">Not built yet.</p>
    </section>
  );
}
