export function WebLlmPanel() {
  return (
    <section aria-labelledby="webllm-heading" className="card">
      <h2 id="webllm-heading">WebLLM</h2>
      <p className="muted">Not built yet.</p>
    </section>
  );
}
