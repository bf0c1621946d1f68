import { useCorpusStore } from '../corpusStore';

export function ChunkSettings() {
  const options = useCorpusStore((s) => s.chunkOptions);
  const { setChunkOptions } = useCorpusStore.getState();
  const number = (key: 'targetTokens' | 'minTokens' | 'maxTokens', label: string) => (
    <label>
      {label}
      <input type="number" min={1} value={options[key]} onChange={(e) => setChunkOptions({ [key]: Math.max(0, Math.round(Number(e.target.value))) })} />
    </label>
  );
  return (
    <fieldset>
      <legend>Chunk settings (used for the next import or re-chunk)</legend>
      {number('targetTokens', 'Target chunk tokens')}
      {number('minTokens', 'Min chunk tokens')}
      {number('maxTokens', 'Max chunk tokens')}
      <label>
        Short chunks
        <select value={options.shortChunks} onChange={(e) => setChunkOptions({ shortChunks: e.target.value as 'merge' | 'drop' })}>
          <option value="merge">merge into a neighbour</option>
          <option value="drop">drop</option>
        </select>
      </label>
    </fieldset>
  );
}
