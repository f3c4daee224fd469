import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NumberedBlock } from '../../core/draft-structure';
import classes from './LineNumberedText.module.css';
import { DRAFT_LINE_WIDTH, lineView } from './line-view';

/**
 * The draft as it is cited: each block's ¶ and R numbers, and its lines as src/core breaks them
 * at a fixed number of columns, numbered through the whole text. Lines are shown exactly as
 * broken (no further wrapping), in a monospaced face where a CJK character takes two columns.
 */
export function LineNumberedText({ blocks, lang, width = DRAFT_LINE_WIDTH }: { blocks: readonly NumberedBlock[]; lang: string; width?: number }) {
  const { t } = useTranslation();
  const view = useMemo(() => lineView(blocks, width), [blocks, width]);
  return (
    <div className={classes.frame} data-testid="draft-lines" data-width={width}>
      <div className={classes.scroller} tabIndex={0} role="region" aria-label={t('drafts.lines.region', { width })}>
        <div className={classes.page} lang={lang}>
          {view.map(({ block, firstLine, lines }) => (
            <div
              key={`${block.uid ?? ''}-${firstLine}`}
              className={classes.block}
              data-type={block.type}
              data-kind={block.kind}
              data-para={block.paragraph ?? undefined}
              data-rec={block.recommendation ?? undefined}
              data-testid="line-block"
            >
              <div className={classes.marks} aria-hidden={block.paragraph === null ? true : undefined} data-testid="line-marks">
                {block.paragraph !== null ? <span className={classes.para} title={t('drafts.paragraphLabel', { number: block.paragraph })}>
                    ¶{block.paragraph}
                  </span> : null}
                {block.recommendation !== null ? <span className={classes.rec} title={t('drafts.recommendationLabel', { number: block.recommendation })} data-testid="line-rec">
                    R{block.recommendation}
                  </span> : null}
              </div>
              <div className={classes.lines}>
                {lines.map((line, i) => (
                  <div key={i} className={classes.line} data-testid="line" data-line={firstLine + i}>
                    <span className={classes.lineNo} aria-label={t('drafts.lines.lineLabel', { number: firstLine + i })}>
                      {firstLine + i}
                    </span>
                    <span className={classes.lineText} data-testid="line-text">
                      {line.text || '\u00a0'}
                    </span>
                  </div>
                ))}
              </div>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
