// The app's colour themes (a per-user setting: settings.ts).
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
