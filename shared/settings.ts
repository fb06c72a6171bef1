// Per-user settings (not library data): kept by electron-store in the desktop app, by `conf` (the
// library electron-store is built on) in browser mode.
import { z } from 'zod';
import { tableLayoutSchema, type TableLayout } from './document-table/columns';
import { coderNameSchema } from './coders/coders';
import { CITATION_STYLES, type CitationStyle } from './interchange/types';
import { THEMES, type Theme } from './themes';

// Apart, so that the page's first load (the theme menu) has them without zod.
export { THEMES, type Theme } from './themes';

export interface WindowBounds {
  width: number;
  height: number;
  x?: number;
  y?: number;
}

export interface Settings {
  theme: Theme;
  /** Reading-view font size in CSS pixels. */
  readerFontSize: number;
  /** The library opened last; null means the default library. */
  lastLibrary: string | null;
  window: WindowBounds | null;
  /** The library table's columns, widths and sort; null for the defaults. */
  libraryTable: TableLayout | null;
  /** The style of "Copy with citation". */
  citationStyle: CitationStyle;
  /** Who codes on this installation: recorded with every annotation made here; null until the user says. */
  coderName: string | null;
  /** Show only this coder's annotations in the reader and sidebar (to code without seeing the others'). */
  blindCoding: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  readerFontSize: 18,
  lastLibrary: null,
  window: null,
  libraryTable: null,
  citationStyle: 'apa',
  coderName: null,
  blindCoding: false,
};

/** What the renderer may change. The library path and window bounds are set by main only. */
export const settingsPatchSchema = z.strictObject({
  theme: z.enum(THEMES).optional(),
  readerFontSize: z.number().int().min(12).max(32).optional(),
  libraryTable: tableLayoutSchema.optional(),
  citationStyle: z.enum(CITATION_STYLES).optional(),
  coderName: coderNameSchema.nullable().optional(),
  blindCoding: z.boolean().optional(),
});
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

/** What a settings file may hold (other keys are left alone); a file that fails this is set aside. */
export const settingsFileSchema = z
  .looseObject({
    theme: z.enum(THEMES),
    readerFontSize: z.number().int().min(8).max(72),
    lastLibrary: z.string().min(1).nullable(),
    citationStyle: z.enum(CITATION_STYLES),
    coderName: coderNameSchema.nullable(),
    blindCoding: z.boolean(),
    window: z
      .object({ width: z.number(), height: z.number(), x: z.number().optional(), y: z.number().optional() })
      .nullable(),
    // Read leniently: a layout this version cannot use (another version's column) falls back to the
    // default layout (usableSettings) instead of setting the whole file aside.
    libraryTable: z.unknown(),
  })
  .partial();

/** Settings as stored, with a table layout this version cannot use replaced by null (the default). */
export function usableSettings(stored: Settings): Settings {
  return { ...stored, libraryTable: tableLayoutSchema.safeParse(stored.libraryTable).success ? stored.libraryTable : null };
}
