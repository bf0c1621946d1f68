import type { Table } from 'dexie';
import { basicChecks } from '../../core/generation/checks';
import { modelKeyOf } from '../../core/generation/generateDialogue';
import { STYLE_IDS, type StyleId } from '../../core/styles';
import { BUILT_IN_TEMPLATES, builtInFor } from '../../core/templates/builtins';

export async function writeBuiltInTemplates(templates: Table, versions: Table): Promise<void> {
  await templates.bulkPut(BUILT_IN_TEMPLATES.map((t) => t.template));
  await versions.bulkPut(BUILT_IN_TEMPLATES.map((t) => t.version));
}

/**
 * Version-2 dialogues were all prompted by the seven fixed styles, whose text built-in version 1 reproduces
 * exactly: point each at it, name its model by key, lift the seed out of its params, and run the basic checks.
 * A row too broken to upgrade is left as it was; reading it back reports it (listDialogues) instead of hiding it.
 */
export async function upgradeDialoguesToTemplates(dialogues: Table): Promise<void> {
  await dialogues.toCollection().modify((row: Record<string, unknown>) => {
    const style = row.style;
    if (typeof style !== 'string' || !(STYLE_IDS as readonly string[]).includes(style)) return;
    const { version } = builtInFor(style as StyleId);
    row.templateVersionId = version.id;
    row.templateHash = version.hash;
    if (typeof row.engine === 'string' && typeof row.model === 'string') row.modelKey = modelKeyOf(row.engine as never, row.model);
    const params = row.params as { seed?: unknown } | undefined;
    if (typeof params?.seed === 'number') row.seed = params.seed;
    row.url ??= null;
    const stats = row.stats as { completionTokens?: unknown } | undefined;
    if (Array.isArray(row.turns) && typeof stats?.completionTokens === 'number') {
      row.checks = basicChecks(row.turns as never, stats as never);
    }
  });
}
