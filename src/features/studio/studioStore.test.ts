import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES, exportTemplate, LATEST, saveVersion, type TemplateContent } from '../../core/templates';
import { studioApi } from './api';
import { checkFields } from './preview';
import { useStudioStore } from './studioStore';

// The store's actions against a real (in-memory) IndexedDB through the studio's api, as the page uses them.

const content: TemplateContent = { style: 'qa', system: '', user: '{{context}}\n\nAsk three questions.', variables: {} };
const initial = useStudioStore.getState();

beforeEach(() => useStudioStore.setState(initial, true));

async function createOwn(name: string) {
  useStudioStore.getState().editNewTemplate({ name });
  await useStudioStore.getState().createNew(content);
  const id = useStudioStore.getState().selectedId;
  if (!id) throw new Error('nothing selected after create');
  const template = (await studioApi.listTemplates()).templates.find((t) => t.id === id);
  if (!template) throw new Error('created template not stored');
  return template;
}

describe('studio store', () => {
  it('creates a template, saves a draft as v2 on top of v1, and clears the draft', async () => {
    const template = await createOwn('Own');
    expect(useStudioStore.getState().notice).toBe('Created "Own" (v1).');
    const [v1] = await studioApi.listVersions(template.id);
    useStudioStore.getState().editDraft(template.id, v1!, { user: '{{context}}\n\nAsk five questions.', note: 'five' });
    const draft = useStudioStore.getState().drafts[template.id]!;
    await useStudioStore.getState().saveDraft(template, v1!, checkFields(draft).content, draft.note);
    const versions = await studioApi.listVersions(template.id);
    expect(versions.map((v) => [v.number, v.note, v.parentId])).toEqual([
      [2, 'five', v1!.id],
      [1, 'First version.', null],
    ]);
    expect(useStudioStore.getState().drafts[template.id]).toBeUndefined();
    expect(useStudioStore.getState().problem).toBeNull();
  });

  it('refuses to save a built-in and says to fork it; a fork starts at v1 pointing at the built-in version', async () => {
    const { template, version } = BUILT_IN_TEMPLATES[0]!;
    await studioApi.listTemplates(); // opens the database, which writes the built-ins
    await useStudioStore.getState().saveDraft(template, version, content, '');
    expect(useStudioStore.getState().problem).toEqual({
      message: `"${template.name}" is built in and never overwritten: fork it to make your own.`,
      hint: 'Press Fork to make your own copy, then edit and save that.',
    });
    expect(await studioApi.listVersions(template.id)).toHaveLength(1);

    await useStudioStore.getState().fork(template, version);
    const forkId = useStudioStore.getState().selectedId!;
    const [forkV1] = await studioApi.listVersions(forkId);
    expect(forkV1).toMatchObject({ number: 1, parentId: version.id, hash: version.hash });
  });

  it('shows the conflict when another tab saved first, and saves once the draft is moved onto the new latest', async () => {
    const template = await createOwn('Shared');
    const [v1] = await studioApi.listVersions(template.id);
    useStudioStore.getState().editDraft(template.id, v1!, { note: 'mine' });
    // Another tab saves v2.
    await studioApi.addVersion(saveVersion(template, v1!, { ...content, user: '{{context}}\n\nTheirs.' }, 'theirs', Date.now()));

    await useStudioStore.getState().saveDraft(template, v1!, content, 'mine');
    expect(useStudioStore.getState().problem?.message).toBe('"Shared" was saved elsewhere (another tab?) since you opened it. Reload it and save again.');
    expect(await studioApi.listVersions(template.id)).toHaveLength(2);

    const [v2] = await studioApi.listVersions(template.id);
    const current = (await studioApi.listTemplates()).templates.find((t) => t.id === template.id)!;
    useStudioStore.getState().rebaseDraft(template.id, v2!);
    expect(useStudioStore.getState().drafts[template.id]?.baseVersionId).toBe(v2!.id);
    await useStudioStore.getState().saveDraft(current, v2!, content, 'mine');
    expect((await studioApi.listVersions(template.id))[0]).toMatchObject({ number: 3, note: 'mine', parentId: v2!.id });
  });

  it('moves approved, reverts as a new version, and imports an export as a copy; a bad file is named in the problem', async () => {
    const template = await createOwn('Labels');
    const [v1] = await studioApi.listVersions(template.id);
    await studioApi.addVersion(saveVersion(template, v1!, { ...content, style: 'qa2' }, 'v2', Date.now()));
    let current = (await studioApi.listTemplates()).templates.find((t) => t.id === template.id)!;
    await useStudioStore.getState().setApproved(current, v1!);
    current = (await studioApi.listTemplates()).templates.find((t) => t.id === template.id)!;
    expect(current.labels.approved).toBe(v1!.id);

    const [v2] = await studioApi.listVersions(template.id);
    await useStudioStore.getState().revert(current, v2!, v1!);
    const [v3] = await studioApi.listVersions(template.id);
    expect(v3).toMatchObject({ number: 3, note: 'Revert to v1.', hash: v1!.hash });

    current = (await studioApi.listTemplates()).templates.find((t) => t.id === template.id)!;
    const exported = JSON.stringify(exportTemplate(current, await studioApi.listVersions(template.id)));
    await useStudioStore.getState().importFile(new File([exported], 'labels.json'));
    expect(useStudioStore.getState().notice).toBe('Imported "Labels (imported)" from labels.json (3 versions).');
    const copy = (await studioApi.listTemplates()).templates.find((t) => t.id === useStudioStore.getState().selectedId)!;
    expect(copy).toMatchObject({ name: 'Labels (imported)', builtIn: false });
    expect(copy.labels[LATEST]).toBe(`${copy.id}@v3`);

    await useStudioStore.getState().importFile(new File(['not json'], 'broken.json'));
    expect(useStudioStore.getState().problem?.message).toMatch(/^broken\.json is not JSON/);
  });
});
