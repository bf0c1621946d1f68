import { describe, expect, it } from 'vitest';
import { createTemplate, exportTemplate, hashTemplateContent } from '../templates';
import { builtInBatchTemplate, renderExcerptLine, templateFileBatchTemplate, withContextPlacement } from './renderBatch';

const resolvedValue = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('renderBatch', () => {
  it('flips the context there and back to the original hash, and refuses a context that shares its paragraph', () => {
    const debate = resolvedValue(builtInBatchTemplate('DEBATE'));
    const after = resolvedValue(withContextPlacement(debate, 'after'));
    expect(after.placement).toBe('after');
    expect(after.hash).toBe(hashTemplateContent(after.content));
    expect(resolvedValue(withContextPlacement(after, 'before')).hash).toBe(debate.hash);
    expect(withContextPlacement(debate, 'before')).toEqual({ ok: true, value: debate });

    const inline = createTemplate({ id: 'inline', name: 'Inline', content: { style: 'QA', system: '', user: 'Summarise this: {{context}}', variables: {} }, now: 0 });
    const inlineTemplate = resolvedValue(templateFileBatchTemplate(exportTemplate(inline.template, [inline.version]), {}));
    const refused = withContextPlacement(inlineTemplate, inlineTemplate.placement === 'before' ? 'after' : 'before');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain('paragraph of its own');
  });

  it('names a missing label and refuses --version with --label', () => {
    const { template, version } = createTemplate({ id: 't', name: 'T', content: { style: 'QA', system: '', user: '{{context}}\n\nAsk.', variables: {} }, now: 0 });
    const file = exportTemplate(template, [version]);
    expect(templateFileBatchTemplate(file, { label: 'approved' })).toEqual({ ok: false, message: 'template "T" has no label "approved"; its labels: latest' });
    expect(templateFileBatchTemplate(file, { version: 1, label: 'latest' }).ok).toBe(false);
  });

  it('uses an excerpt id the line gives itself before documentId:index, and the text when there is neither', () => {
    const template = resolvedValue(builtInBatchTemplate('two_students'));
    const idOf = (line: object) => {
      const result = renderExcerptLine(JSON.stringify(line), template);
      if (result.kind !== 'rendered') throw new Error(result.kind);
      return result.record.custom_id;
    };
    const text = 'Two is the only even prime.';
    expect(idOf({ text, documentId: 'd', index: 0 })).not.toBe(idOf({ text, documentId: 'd', index: 1 }));
    expect(idOf({ text, excerptId: 'x', documentId: 'd', index: 0 })).toBe(idOf({ text: 'other text', excerptId: 'x' }));
    expect(idOf({ text })).toBe(idOf({ text: `  ${text}\n` }));
    expect(renderExcerptLine('   ', template)).toEqual({ kind: 'blank' });
  });
});
