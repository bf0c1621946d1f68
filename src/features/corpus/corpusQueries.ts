import { getDatabase } from '../../db/database';
import { getDocument, readDocumentPage } from '../../db/corpusDocuments';
import { getExcerpts } from '../../db/corpusExcerpts';

/** Reads the views page in from Dexie; kept here so components never touch IndexedDB themselves. */
export const fetchDocumentPage = (sourceId: string, start: number, count: number) => readDocumentPage(getDatabase(), sourceId, start, count);

export async function fetchExcerptsByIds(ids: number[]) {
  return getExcerpts(getDatabase(), ids);
}

export const fetchDocument = (id: number) => getDocument(getDatabase(), id);
