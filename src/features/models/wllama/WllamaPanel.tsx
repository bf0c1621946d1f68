export function WllamaPanel() {
  return (
    <section aria-labelledby="wllama-heading" className="card">
      <h2 id="wllama-heading">wllama</h2>
      <p className="muted">Not built yet.</p>
    </section>
  );
}
