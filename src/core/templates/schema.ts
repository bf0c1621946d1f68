import { z } from 'zod';

/** `{{name}}` with optional spaces inside the braces. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What a version fixes: everything that decides the prompt. Hashed, so a version is named by what it says. */
export const templateContentSchema = z.object({
  /** The conversation style this template writes (a MIND style id for the built-ins, any label for users' own). */
  style: z.string().trim().min(1).max(80),
  /** Optional system message; left out of the prompt when it renders empty. */
  system: z.string().max(20_000),
  /** The user message; `{{context}}` marks where the excerpt goes. */
  user: z.string().min(1).max(20_000),
  /** Values of the variables other than context (for example the speakers' names). */
  variables: z.record(z.string().regex(VARIABLE_NAME), z.string().max(2_000)),
});
export type TemplateContent = z.infer<typeof templateContentSchema>;

export const templateRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2_000),
  /** Built-in templates are never overwritten: they are forked instead. */
  builtIn: z.boolean(),
  /** Movable pointers to versions, e.g. latest and approved. `latest` moves on every save. */
  labels: z.record(z.string().min(1).max(40), z.string().min(1)),
  /** The version this template was forked from, in another template. */
  forkedFrom: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type TemplateRecord = z.infer<typeof templateRecordSchema>;

export const templateVersionRecordSchema = z.object({
  /** `<templateId>@v<number>`: stable, readable, and unique even when a revert repeats an earlier text. */
  id: z.string().min(1),
  templateId: z.string().min(1),
  number: z.number().int().positive(),
  /** SHA-256 of the canonical content (see hashTemplateContent). */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  parentId: z.string().nullable(),
  note: z.string().max(2_000),
  createdAt: z.number(),
  content: templateContentSchema,
});
export type TemplateVersionRecord = z.infer<typeof templateVersionRecordSchema>;

/** The file a user exports and imports: one template with all its versions. */
export const templateExportSchema = z.object({
  format: z.literal('mind-lab-template'),
  formatVersion: z.literal(1),
  template: templateRecordSchema,
  versions: z.array(templateVersionRecordSchema).min(1),
});
export type TemplateExport = z.infer<typeof templateExportSchema>;

export const LATEST = 'latest';
export const APPROVED = 'approved';
