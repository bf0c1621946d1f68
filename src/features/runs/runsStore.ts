import { z } from 'zod';
import { create } from 'zustand';
import { toWorkItem } from '../../core/generation/memoryRunStore';
import type { SamplingPreset } from '../../core/generation/plan';
import type { RunRecord } from '../../core/records/run';
import { DEFAULT_SAMPLING, type SamplingParams } from '../../core/types';
import { persistState, type LabModels } from '../shared';
import { runsApi } from './api';
import { driveRun, type StopIntent } from './driveRun';
import { planRun, splitPastedExcerpts, type RunPlan } from './planRun';

export interface RunsProblem {
  message: string;
  hint: string;
}

export interface RunForm {
  name: string;
  source: 'working-set' | 'paste';
  workingSetId: string;
  pasted: string;
  /** Templates ticked; each runs its `latest` version. */
  templateIds: string[];
  modelKeys: string[];
  params: SamplingParams;
  secondPreset: boolean;
  secondParams: SamplingParams;
  samplesPerExcerpt: number;
  concurrency: number;
}

/** A plan shown before Start: exactly what Start stores. */
export interface PlannedRun {
  run: RunRecord;
  plan: Extract<RunPlan, { kind: 'ready' }>;
}

export const MAX_CONCURRENCY = 64;

export const concurrencyProblem = (value: number) =>
  Number.isInteger(value) && value >= 1 && value <= MAX_CONCURRENCY ? null : `Concurrency must be a whole number from 1 to ${MAX_CONCURRENCY} (got ${Number.isNaN(value) ? 'nothing' : value}).`;

interface RunsState {
  form: RunForm;
  planned: PlannedRun | null;
  planning: boolean;
  /** A problem with planning or starting, shown by the form. */
  problem: RunsProblem | null;
  /** A problem with driving a run (another tab drives it, a storage failure), shown beside the run. */
  runProblem: RunsProblem | null;
  selectedRunId: string | null;
  /** The run this tab drives now, and whether Pause or Cancel was pressed. */
  driving: { runId: string; stopping: StopIntent | null } | null;
  setForm(patch: Partial<RunForm>): void;
  dismissProblem(): void;
  dismissRunProblem(): void;
  selectRun(id: string): void;
  plan(models: LabModels): Promise<void>;
  start(models: LabModels): Promise<void>;
  resume(runId: string, models: LabModels): Promise<void>;
  pause(): void;
  cancel(runId: string): Promise<void>;
  retryFailed(runId: string, models: LabModels): Promise<void>;
  setConcurrency(runId: string, concurrency: number): Promise<void>;
}

let controller: AbortController | null = null;

const presetLabel = (p: SamplingParams) => `T ${p.temperature} · top p ${p.topP} · max ${p.maxTokens} · seed ${p.seed}`;

export const useRunsStore = create<RunsState>((set, get) => ({
  form: {
    name: '',
    source: 'paste',
    workingSetId: '',
    pasted: '',
    templateIds: [],
    modelKeys: [],
    params: DEFAULT_SAMPLING,
    secondPreset: false,
    secondParams: { ...DEFAULT_SAMPLING, temperature: 1 },
    samplesPerExcerpt: 1,
    concurrency: 4,
  },
  planned: null,
  planning: false,
  problem: null,
  runProblem: null,
  selectedRunId: null,
  driving: null,

  // Any change makes the shown plan stale: it must be planned again before it can start.
  setForm: (patch) => set({ form: { ...get().form, ...patch }, planned: null }),
  dismissProblem: () => set({ problem: null }),
  dismissRunProblem: () => set({ runProblem: null }),
  selectRun: (selectedRunId) => set({ selectedRunId }),

  async plan(models) {
    const { form } = get();
    set({ planning: true, planned: null, problem: null });
    try {
      const refuse = (message: string, hint: string) => set({ problem: { message, hint } });
      if (!form.name.trim()) return refuse('The run needs a name.', 'Name it after what it compares, e.g. "Two styles on algebra".');
      const concurrency = concurrencyProblem(form.concurrency);
      if (concurrency) return refuse(concurrency, 'Servers usually take 4 to 16 requests at once.');
      const runId = crypto.randomUUID();
      const choices = await runsApi.templateChoices();
      const versions = form.templateIds.flatMap((id) => choices.filter((c) => c.template.id === id).map((c) => c.version));
      const targets = models.targets.filter((t) => form.modelKeys.includes(t.key));
      let excerpts = splitPastedExcerpts(form.pasted);
      let alreadySkipped: { excerptKey: string; reason: string }[] = [];
      if (form.source === 'working-set') {
        if (!form.workingSetId) return refuse('No working set is selected.', 'Save one on the Corpus tab, or paste excerpts instead.');
        const fromSet = await runsApi.workingSetExcerpts(form.workingSetId);
        excerpts = fromSet.excerpts;
        alreadySkipped = fromSet.missingIds.map((id) => ({ excerptKey: `excerpt:${id}`, reason: `Excerpt #${id} is no longer in the corpus.` }));
      }
      const presets: SamplingPreset[] = [{ id: 'A', label: presetLabel(form.params), params: form.params }];
      if (form.secondPreset) presets.push({ id: 'B', label: presetLabel(form.secondParams), params: form.secondParams });
      const plan = planRun({ runId, excerpts, versions, targets, presets, samplesPerExcerpt: form.samplesPerExcerpt, alreadySkipped });
      if (plan.kind === 'refused') return refuse(plan.message, plan.hint);
      const now = Date.now();
      const run: RunRecord = {
        id: runId,
        name: form.name.trim(),
        createdAt: now,
        updatedAt: now,
        status: 'running',
        pauseReason: null,
        workingSetId: form.source === 'working-set' ? form.workingSetId : null,
        templateVersionIds: versions.map((v) => v.id),
        modelKeys: targets.map((t) => t.key),
        presets,
        samplesPerExcerpt: form.samplesPerExcerpt,
        concurrency: form.concurrency,
        excerptCount: plan.excerptCount,
        itemCount: plan.items.length,
        skipped: plan.skipped,
      };
      set({ planned: { run, plan } });
    } catch (error) {
      set({ problem: { message: `Planning failed: ${error instanceof Error ? error.message : String(error)}`, hint: 'Nothing was stored. Check the form and plan again.' } });
    } finally {
      set({ planning: false });
    }
  },

  async start(models) {
    const { planned } = get();
    if (!planned) return;
    const now = Date.now();
    try {
      // The run and all its items in one transaction: a run is never half-planned.
      await runsApi.createRun({ ...planned.run, createdAt: now, updatedAt: now }, planned.plan.items.map((item, ordinal) => toWorkItem(item, planned.run.id, ordinal, now)));
    } catch (error) {
      set({ problem: { message: `The run could not be stored: ${error instanceof Error ? error.message : String(error)}`, hint: 'Nothing was stored. Plan it again.' } });
      return;
    }
    set({ planned: null, selectedRunId: planned.run.id });
    await get().resume(planned.run.id, models);
  },

  async resume(runId, models) {
    const driving = get().driving;
    if (driving) {
      set({ runProblem: { message: 'This tab is already driving a run.', hint: 'Pause it first; one run at a time uses the engines.' } });
      return;
    }
    const run = await runsApi.getRun(runId);
    if (!run || run.status === 'cancelled') return;
    const own = new AbortController();
    controller = own;
    set({ driving: { runId, stopping: null }, runProblem: null });
    try {
      const result = await runsApi.withDriverLock(runId, () => driveRun(run, models, own.signal, () => get().driving?.stopping ?? null));
      if (result === 'unavailable') {
        set({ runProblem: { message: 'Another tab is driving a run.', hint: 'One tab at a time uses the engines. Pause that run there (or close that tab), then resume this one here.' } });
        // Left 'running' with nobody driving it, the run would look interrupted; it is waiting, and says why.
        if (!(await runsApi.runDriven(runId))) await runsApi.updateRun(runId, { status: 'paused', pauseReason: 'Waiting: another tab was driving a run when this one was to start. Resume it once that run ends.' });
      }
    } catch (error) {
      set({ runProblem: { message: `The run stopped: ${error instanceof Error ? error.message : String(error)}`, hint: 'Finished items are kept; resume to continue.' } });
    } finally {
      if (controller === own) controller = null;
      const restart = get().driving?.stopping === 'restart';
      set({ driving: null });
      if (restart) await get().resume(runId, models);
    }
  },

  pause() {
    const driving = get().driving;
    if (!driving) return;
    set({ driving: { ...driving, stopping: 'pause' } });
    controller?.abort(new Error('Paused'));
  },

  async cancel(runId) {
    const driving = get().driving;
    if (driving?.runId === runId) {
      set({ driving: { ...driving, stopping: 'cancel' } });
      controller?.abort(new Error('Cancelled'));
      return;
    }
    // Not running here (paused, or left running by a closed tab): nothing to stop, only the status to set.
    await runsApi.updateRun(runId, { status: 'cancelled', pauseReason: null });
  },

  async retryFailed(runId, models) {
    await runsApi.retryFailed(runId);
    await get().resume(runId, models);
  },

  async setConcurrency(runId, concurrency) {
    const problem = concurrencyProblem(concurrency);
    if (problem) {
      set({ runProblem: { message: problem, hint: 'Servers usually take 4 to 16 requests at once.' } });
      return;
    }
    await runsApi.updateRun(runId, { concurrency });
    // executeRun sizes its lanes when it starts: a run driven here restarts at once with the new size (the
    // requests in flight are stopped and stay pending, so they run again; nothing is stored twice).
    const driving = get().driving;
    if (driving?.runId === runId && !driving.stopping) {
      set({ driving: { ...driving, stopping: 'restart' } });
      controller?.abort(new Error('Restarting with a new concurrency'));
    }
  },
}));

/** What the run form keeps across reloads: the whole form as it was left (sampling as typed). */
const looseParams = z.object({ temperature: z.number(), topP: z.number(), maxTokens: z.number(), seed: z.number(), stop: z.array(z.string()) });
const runFormSchema = z.object({
  name: z.string().max(200),
  source: z.enum(['working-set', 'paste']),
  workingSetId: z.string(),
  pasted: z.string().max(2_000_000),
  templateIds: z.array(z.string()),
  modelKeys: z.array(z.string()),
  params: looseParams,
  secondPreset: z.boolean(),
  secondParams: looseParams,
  samplesPerExcerpt: z.number(),
  concurrency: z.number(),
});

export const runForm = persistState(useRunsStore, {
  key: 'runs.form',
  schema: runFormSchema,
  pick: (state) => state.form,
  apply: (form) => ({ form }),
});
