import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A deep, quiet blue: the colour of a conference folder, not of a consumer app. */
const navy: MantineColorsTuple = ['#eef3f8', '#dbe4ee', '#b4c6da', '#8ba6c5', '#698bb3', '#537aa8', '#3f6796', '#2b4f78', '#1f3f63', '#142c48'];

/** Latin text first, then the CJK faces; the per-language stacks live in styles/global.css. */
export const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans CJK KR", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Hiragino Sans", "Yu Gothic", "Noto Sans CJK JP", sans-serif';

export const theme = createTheme({
  primaryColor: 'navy',
  primaryShade: 7,
  colors: { navy },
  fontFamily: FONT_STACK,
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK KR", "Noto Sans Mono", monospace',
  headings: {
    fontFamily: FONT_STACK,
    fontWeight: '600',
    textWrap: 'pretty',
    sizes: {
      h1: { fontSize: '1.75rem', lineHeight: '1.3' },
      h2: { fontSize: '1.3rem', lineHeight: '1.35' },
      h3: { fontSize: '1.075rem', lineHeight: '1.4' },
      h4: { fontSize: '1rem', lineHeight: '1.45' },
    },
  },
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
});
