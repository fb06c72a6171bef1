// "This collection only": the part of the library a search, the analysis or an export works on.
import { z } from 'zod';
import { idSchema, tagSchema } from '../schemas';

export const libraryScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('library') }),
  /** Documents in no collection. */
  z.strictObject({ kind: z.literal('unfiled') }),
  /** A collection with its sub-collections. */
  z.strictObject({ kind: z.literal('collection'), collectionId: idSchema }),
  /** Documents carrying a tag (document tags, not passage tags). */
  z.strictObject({ kind: z.literal('tag'), tag: tagSchema }),
]);
export type LibraryScope = z.output<typeof libraryScopeSchema>;

// The functions over scopes live apart from the schema, so that the page's first load has them without zod.
export { WHOLE_LIBRARY, scopeTest, scopeExists, describeScope, emptyScopeMessage, scopeSlug, sameScope, type Organisation } from './scope-functions';
