// What is dragged from the document table onto a collection or tag: the dragged documents' ids.
export const DOCUMENTS_DRAG_TYPE = 'application/x-apostil-documents';
/** A collection dragged onto another (to nest it) or onto "All documents" (to the top level). */
export const COLLECTION_DRAG_TYPE = 'application/x-apostil-collection';

/** The ids carried by a drop, or [] for anything else (a file, text from another program). */
export function droppedDocumentIds(data: DataTransfer): string[] {
  try {
    const value: unknown = JSON.parse(data.getData(DOCUMENTS_DRAG_TYPE) || '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
