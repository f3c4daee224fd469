import type { Editor } from '@tiptap/react';
import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Position } from '../../../core/consensus';
import type { DraftView } from '../../../core/drafts';
import type { GroupOverview } from '../../../core/study-groups';
import type { CaretPlace } from '../../editor/DraftHighlight';
import classes from './Deliberation.module.css';
import { WRAPPING_BADGE } from '../../components/StatusBadge';

/** What every deliberation panel beside the live text needs. */
export interface DeliberationProps {
  slug: string;
  draft: DraftView;
  group: GroupOverview;
  editor: Editor | null;
  /** Where the caret is in the live text (null when the editor has no focus yet). */
  caret: CaretPlace | null;
  /** ¶ and R numbers of the live text by paragraph uid. */
  numbersOf: (uid: string | null) => { paragraph: number | null; recommendation: number | null } | null;
}

interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * A word- or character-level diff (src/core/text-diff): deletions struck through, insertions
 * underlined, each also named for screen readers, so colour is never the only cue.
 */
export function DiffText({ ops, lang, testId }: { ops: readonly DiffOp[]; lang: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <p className={classes.diff} lang={lang} data-testid={testId}>
      {ops.map((op, i) =>
        op.op === 'equal' ? (
          <span key={i}>{op.text}</span>
        ) : op.op === 'insert' ? (
          <ins key={i} className={classes.ins} data-testid="diff-ins" title={t('deliberation.diff.inserted')}>
            {op.text}
          </ins>
        ) : (
          <del key={i} className={classes.del} data-testid="diff-del" title={t('deliberation.diff.deleted')}>
            {op.text}
          </del>
        ),
      )}
    </p>
  );
}

/** "¶3 · R1" for a paragraph's numbers. */
export function paraLabel(n: { paragraph: number | null; recommendation: number | null } | null | undefined): string {
  if (!n) return '—';
  const parts: string[] = [];
  if (n.paragraph !== null) parts.push(`¶${n.paragraph}`);
  if (n.recommendation !== null) parts.push(`R${n.recommendation}`);
  return parts.join(' · ') || '—';
}

export const POSITION_STYLE: Record<Position | 'silent', { color: string; icon: string }> = {
  support: { color: 'green', icon: '✓' },
  can_live_with: { color: 'teal', icon: '≈' },
  reservation: { color: 'yellow', icon: '!' },
  objection: { color: 'red', icon: '✕' },
  silent: { color: 'gray', icon: '–' },
};

/** A position as colour, icon and words together. */
/** Badges in the matrix say their whole label, on two lines if need be, rather than cut it off ("Strong suppor…"). */
export { WRAPPING_BADGE };

export function PositionBadge({ position, superseded = false }: { position: Position | 'silent'; superseded?: boolean }) {
  const { t } = useTranslation();
  const style = POSITION_STYLE[position];
  return (
    <Badge tt="none"
      color={superseded ? 'gray' : style.color}
      variant={superseded ? 'outline' : position === 'silent' ? 'outline' : 'light'}
      radius="sm"
      className={superseded ? classes.superseded : undefined}
      leftSection={<span aria-hidden="true">{style.icon}</span>}
      data-position={position}
      data-superseded={superseded || undefined}
      styles={WRAPPING_BADGE}
    >
      {t(`deliberation.position.${position}`)}
    </Badge>
  );
}

export function Quote({ text, lang }: { text: string; lang: string }) {
  return (
    <Text component="blockquote" size="sm" className={classes.quote} lang={lang}>
      {text}
    </Text>
  );
}
