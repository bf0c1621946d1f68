import type { z } from 'zod';
import { templateProblems } from '../templates/variables';
import type { TemplateContent } from '../templates/schema';
import { CUSTOM_ID_SCHEME, RECIPE_FORMAT, RECIPE_OUTPUT_COLUMNS, RECIPE_SCHEMA_VERSION, recipeSchema, type Recipe } from './schema';

export type RecipeReadResult = { ok: true; recipe: Recipe } | { ok: false; message: string };

/** `styles[1].content.user` style paths: the field a person has to fix. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '') || 'recipe';
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid';
  return `${fieldOf(issue.path)}: ${issue.message}`;
}

/**
 * Reads a recipe a person hands in (the lab's import, the CLI's --recipe): JSON, the schema version, every field,
 * every style's text against its hash, and the templates themselves. The message names the file and the field.
 */
export function readRecipe(fileName: string, text: string): RecipeReadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${fileName} is not JSON: ${(error as Error).message}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, message: `${fileName} is not a recipe: it must be a JSON object` };
  const head = json as { format?: unknown; schemaVersion?: unknown };
  if (head.format !== RECIPE_FORMAT) return { ok: false, message: `${fileName} is not a MIND Lab recipe: format must be "${RECIPE_FORMAT}"` };
  if (head.schemaVersion !== RECIPE_SCHEMA_VERSION) {
    return { ok: false, message: `${fileName}: schemaVersion ${JSON.stringify(head.schemaVersion)} is not one this lab reads (it reads ${RECIPE_SCHEMA_VERSION}); update the lab or export the recipe again` };
  }
  const parsed = recipeSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: `${fileName}: ${describeIssue(parsed.error.issues[0])}` };
  for (const [index, style] of parsed.data.styles.entries()) {
    const problem = templateProblems(style.content)[0];
    if (problem) return { ok: false, message: `${fileName}: styles[${index}].content.${problem.field}: ${problem.message}` };
  }
  return { ok: true, recipe: parsed.data };
}

/** The recipe as a file: stable key order (the schema's), two-space indents, a final newline. */
export function writeRecipe(recipe: Recipe): string {
  return `${JSON.stringify(recipeSchema.parse(recipe), null, 2)}\n`;
}

export interface RecipeStyleInput {
  templateId?: string;
  templateVersionId: string;
  templateHash: string;
  weight: number;
  content: TemplateContent;
}

export type RecipeInput = Pick<Recipe, 'name' | 'source' | 'chunking' | 'model' | 'sampling' | 'filters'> & {
  styles: readonly RecipeStyleInput[];
  styleAssignment?: Recipe['styleAssignment'];
  samplesPerExcerpt?: number;
  runId?: string | null;
  outputColumns?: Recipe['output']['columns'];
  labVersion: string;
  review: Recipe['provenance']['review'];
  now?: Date;
};

/** Builds and checks a recipe from the lab's state; throws with the field's name when something is off. */
export function buildRecipe(input: RecipeInput): Recipe {
  const candidate = {
    format: RECIPE_FORMAT,
    schemaVersion: RECIPE_SCHEMA_VERSION,
    name: input.name,
    source: input.source,
    chunking: input.chunking,
    styles: input.styles.map((style) => ({
      style: style.content.style,
      ...(style.templateId ? { templateId: style.templateId } : {}),
      templateVersionId: style.templateVersionId,
      templateHash: style.templateHash,
      weight: style.weight,
      content: style.content,
    })),
    styleAssignment: input.styleAssignment ?? 'weighted',
    samplesPerExcerpt: input.samplesPerExcerpt ?? 1,
    model: input.model,
    sampling: input.sampling,
    customId: { scheme: CUSTOM_ID_SCHEME, runId: input.runId ?? null },
    filters: input.filters,
    output: { columns: input.outputColumns ?? [...RECIPE_OUTPUT_COLUMNS] },
    provenance: { labVersion: input.labVersion, exportedAt: (input.now ?? new Date()).toISOString(), review: input.review },
  };
  const parsed = recipeSchema.safeParse(candidate);
  if (!parsed.success) throw new RangeError(`The recipe cannot be made: ${describeIssue(parsed.error.issues[0])}`);
  return parsed.data;
}
