// What the user types to connect a library to a CouchDB database.
import { z } from 'zod';

export const syncConnectSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .max(2_000)
    .refine((value) => /^https?:\/\/[^\s/]+(\/[^\s/]+)*\/[^\s/]+\/?$/.test(value), {
      message: 'type the address of a database, like https://couch.example.org/policy-group',
    }),
  username: z.string().trim().max(200),
  password: z.string().max(1_000),
});
export type SyncConnectInput = z.output<typeof syncConnectSchema>;
