/** xterm.js colours that match the app's light and dark themes (Naive UI's palettes). */
import type { ITheme } from '@xterm/xterm';

export const LIGHT_TERMINAL_THEME: ITheme = {
  background: '#fbfcfd',
  foreground: '#1f2328',
  cursor: '#2f7de1',
  cursorAccent: '#fbfcfd',
  selectionBackground: '#b6d3f7',
  black: '#24292f',
  red: '#cf222e',
  green: '#116329',
  yellow: '#9a6700',
  blue: '#0969da',
  magenta: '#8250df',
  cyan: '#1b7c83',
  white: '#6e7781',
  brightBlack: '#57606a',
  brightRed: '#a40e26',
  brightGreen: '#1a7f37',
  brightYellow: '#7d4e00',
  brightBlue: '#218bff',
  brightMagenta: '#a475f9',
  brightCyan: '#3192aa',
  brightWhite: '#8c959f',
};

export const DARK_TERMINAL_THEME: ITheme = {
  background: '#101418',
  foreground: '#d7dde4',
  cursor: '#4a90e8',
  cursorAccent: '#101418',
  selectionBackground: '#2b4a70',
  black: '#484f58',
  red: '#ff7b72',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#58a6ff',
  magenta: '#bc8cff',
  cyan: '#39c5cf',
  white: '#b1bac4',
  brightBlack: '#6e7681',
  brightRed: '#ffa198',
  brightGreen: '#56d364',
  brightYellow: '#e3b341',
  brightBlue: '#79c0ff',
  brightMagenta: '#d2a8ff',
  brightCyan: '#56d4dd',
  brightWhite: '#f0f6fc',
};

export function terminalTheme(dark: boolean): ITheme {
  return dark ? DARK_TERMINAL_THEME : LIGHT_TERMINAL_THEME;
}
