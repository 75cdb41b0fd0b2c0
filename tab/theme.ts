import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from '@fluentui/tokens';
import { setTheme } from '@fluentui/web-components';

/** The themes Teams tells a tab about (`app.getContext().app.theme` and theme changes). */
export const TEAMS_THEMES = ['default', 'dark', 'contrast'] as const;

export type TeamsTheme = (typeof TEAMS_THEMES)[number];

const FLUENT_THEMES: Record<TeamsTheme, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** Teams' theme name as one of ours; anything unknown is the light theme Teams calls default. */
export function teamsThemeOf(name: unknown): TeamsTheme {
  return TEAMS_THEMES.find((theme) => theme === name) ?? 'default';
}

/**
 * Puts the page in a Teams theme: the Fluent design tokens of that theme as CSS custom
 * properties (which the page's CSS, the Fluent components and the cards' host config all read),
 * the browser's own controls in the matching colour scheme, and `data-theme` on <html> for the
 * few rules that differ by theme.
 */
export function applyTheme(theme: TeamsTheme): void {
  setTheme(FLUENT_THEMES[theme]);
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.style.colorScheme = theme === 'default' ? 'light' : 'dark';
}
