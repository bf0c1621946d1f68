export function OpenAIPanel() {
  return (
    <section aria-labelledby="openai-heading" className="card">
      <h2 id="openai-heading">OpenAI</h2>
      <p className="muted">Not built yet.</p>
    </section>
  );
}
