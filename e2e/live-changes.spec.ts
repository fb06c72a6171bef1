// The open document follows changes made elsewhere: an annotation file imported while it is open, and
// annotations and details changed by another window (here: the API called beside the reader's own
// view) appear on it at once, without reopening it or reloading the page.
import { expect, screenshot, test } from './fixtures';
import { api, importFiles } from './helpers';

interface Annotation {
  id: string;
  documentId: string;
  body: { note: string } & Record<string, unknown>;
}

test('annotations imported or changed elsewhere appear on the open document at once', async ({ app }) => {
  const { page } = app;
  const markdown = '# Harbour notes\n\nThe harbour authority met the fishers in March.\n\nA second meeting followed in May.\n';
  await importFiles(page, [{ name: 'harbour.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) }]);
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour notes' })).toBeVisible();
  const sidebar = page.getByRole('complementary', { name: 'Annotations' });
  await expect(page.locator('.reader-text mark.hl')).toHaveCount(0);

  // A W3C Web Annotation file for this document, imported from the menu while it is open.
  const w3c = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    first: {
      type: 'AnnotationPage',
      items: [
        {
          '@context': 'http://www.w3.org/ns/anno.jsonld',
          id: 'urn:uuid:6a3c3a54-2a41-4c7b-9a1e-6c1c1f3e0b11',
          type: 'Annotation',
          body: [{ type: 'TextualBody', value: 'Who called the meeting?', purpose: 'commenting' }],
          target: { source: 'harbour.md', selector: { type: 'TextQuoteSelector', exact: 'met the fishers in March', prefix: 'authority ', suffix: '.' } },
        },
      ],
    },
  };
  await page.getByTestId('import-annotations-input').setInputFiles({ name: 'notes.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(JSON.stringify(w3c)) });
  await expect(page.getByRole('status')).toContainText('1 annotation imported');
  await expect(page.locator('.reader-text mark.hl')).toHaveText('met the fishers in March');
  await expect(sidebar).toContainText('Who called the meeting?');
  await screenshot(page, 'live-01-imported-annotation-appears');

  // Another window edits the note, then deletes the annotation, then renames the document.
  const documents = await api<{ id: string; metadata: Record<string, unknown> & { title: string } }[]>(page, 'documents.list', {});
  const document = documents.find((d) => d.metadata.title === 'Harbour notes')!;
  const [imported] = (await api<{ annotations: Annotation[] }>(page, 'documents.open', { id: document.id })).annotations;
  await api(page, 'annotations.save', { annotation: { ...imported!, body: { ...imported!.body, note: 'The authority did.' } } });
  await expect(sidebar).toContainText('The authority did.');
  await expect(sidebar).not.toContainText('Who called the meeting?');
  await api(page, 'annotations.delete', { documentId: document.id, id: imported!.id });
  await expect(page.locator('.reader-text mark.hl')).toHaveCount(0);
  await expect(sidebar).not.toContainText('The authority did.');
  await api(page, 'documents.updateMetadata', { id: document.id, metadata: { ...document.metadata, title: 'Harbour meetings, 2024' } });
  await expect(page.locator('.reader-head')).toContainText('Harbour meetings, 2024');
  await expect(page.getByRole('navigation', { name: 'Library' })).toContainText('Harbour meetings, 2024');
  await screenshot(page, 'live-02-changed-elsewhere');
});
