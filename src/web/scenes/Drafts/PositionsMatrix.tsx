import { Badge, Button, Paper, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { POSITIONS } from '../../../core/consensus';
import type { MatrixRow, PositionCell, PositionMatrix } from '../../api/queries';
import { PositionBadge, WRAPPING_BADGE } from './deliberation-shared';
import classes from './Deliberation.module.css';

export type Committee = PositionMatrix['delegations'][number];

const GRADE_COLOR: Record<string, string> = { full_consensus: 'green', consensus: 'teal', strong_support_significant_opposition: 'orange', divergence: 'red' };
const GRADE_ICON: Record<string, string> = { full_consensus: '●', consensus: '◕', strong_support_significant_opposition: '◑', divergence: '○' };

interface Props {
  matrix: PositionMatrix;
  lang: string;
  myCommittee: string | null;
  canPosition: boolean;
  canDecide: boolean;
  onRecord: (row: MatrixRow, cell: PositionCell, committee: Committee) => void;
  onDeclare: (row: MatrixRow) => void;
}

/**
 * Recommendations × delegations: a table where there is room; on a phone, a card per
 * recommendation with its whole text and each delegation's position under it, so nothing is
 * cut and nothing scrolls sideways. The same cells and actions in both.
 */
export function PositionsMatrix(props: Props) {
  const phone = useMediaQuery('(max-width: 40em)');
  return phone ? <MatrixCards {...props} /> : <MatrixTable {...props} />;
}

function RecordButton({ row, cell, committee, props }: { row: MatrixRow; cell: PositionCell; committee: Committee; props: Props }) {
  const { t } = useTranslation();
  if (!(cell.committeeId === props.myCommittee && props.canPosition && !props.matrix.superseded)) return null;
  return (
    <Button size="compact-xs" variant="subtle" mt={4} onClick={() => props.onRecord(row, cell, committee)} data-testid="position-record">
      {cell.position?.standing === 'current' ? t('deliberation.positions.change') : cell.position?.standing === 'changed' ? t('deliberation.positions.lookAgain') : t('deliberation.positions.record')}
    </Button>
  );
}

function DeclareButton({ row, props }: { row: MatrixRow; props: Props }) {
  const { t } = useTranslation();
  if (!props.canDecide || props.matrix.superseded) return null;
  return (
    <Button size="compact-xs" variant="subtle" mt={4} onClick={() => props.onDeclare(row)} data-testid="outcome-declare">
      {t('deliberation.outcome.declare')}
    </Button>
  );
}

function MatrixCards(props: Props) {
  const { t } = useTranslation();
  const { matrix: m, lang, myCommittee } = props;
  return (
    <Stack gap="sm" data-testid="positions-cards" aria-label={t('deliberation.positions.caption')}>
      {m.recommendations.map((row) => (
        <Paper key={row.uid} withBorder radius="md" p="sm" component="section" data-testid="positions-row" data-rec={row.number} aria-label={`R${row.number}`}>
          <Stack gap="xs">
            <Text size="sm" fw={700}>
              R{row.number}
            </Text>
            <Text size="sm" lang={lang} style={{ overflowWrap: 'anywhere' }}>
              {row.text}
            </Text>
            <ConsensusBadge row={row} />
            <Stack gap={0} component="ul" className={classes.cardCells}>
              {row.cells.map((cell) => {
                const committee = m.delegations.find((d) => d.id === cell.committeeId) as Committee;
                return (
                  <li key={cell.committeeId} className={`${classes.cardCell} ${cell.committeeId === myCommittee ? classes.mine : ''}`} data-testid="positions-cell" data-code={committee.code}>
                    <Text size="xs" fw={700} className={classes.cardCode}>
                      {committee.code}
                      {cell.committeeId === myCommittee ? ` · ${t('deliberation.positions.yours')}` : ''}
                    </Text>
                    <div>
                      <Cell cell={cell} lang={lang} />
                      <RecordButton row={row} cell={cell} committee={committee} props={props} />
                    </div>
                  </li>
                );
              })}
            </Stack>
            <div>
              <Text size="xs" fw={600}>
                {t('deliberation.positions.outcome')}
              </Text>
              <OutcomeCell row={row} />
              <DeclareButton row={row} props={props} />
            </div>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function MatrixTable(props: Props) {
  const { t } = useTranslation();
  const { matrix: m, lang, myCommittee } = props;
  return (
    <ScrollArea type="auto" offsetScrollbars data-testid="positions-scroll">
      <table className={classes.matrix} data-testid="positions-matrix">
        <caption className={classes.srOnly}>{t('deliberation.positions.caption')}</caption>
        <thead>
          <tr>
            <th className={classes.recCell} scope="col">
              {t('deliberation.positions.recommendation')}
            </th>
            {m.delegations.map((d) => (
              <th key={d.id} scope="col" className={`${classes.delegationCell} ${d.id === myCommittee ? classes.mine : ''}`} data-testid="positions-delegation" data-code={d.code}>
                <Tooltip label={d.name} withArrow>
                  <span>{d.code}</span>
                </Tooltip>
                {d.id === myCommittee ? (
                  <Text size="xs" c="dimmed" component="div">
                    {t('deliberation.positions.yours')}
                  </Text>
                ) : null}
              </th>
            ))}
            <th scope="col">{t('deliberation.positions.consensus')}</th>
            <th scope="col">{t('deliberation.positions.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {m.recommendations.map((row) => (
            <tr key={row.uid} data-testid="positions-row" data-rec={row.number}>
              <th scope="row" className={classes.recCell}>
                <Text size="sm" fw={700}>
                  R{row.number}
                </Text>
                <Text size="xs" c="dimmed" className={classes.recText} lang={lang}>
                  {row.text}
                </Text>
              </th>
              {row.cells.map((cell) => {
                const committee = m.delegations.find((d) => d.id === cell.committeeId) as Committee;
                return (
                  <td key={cell.committeeId} className={`${classes.delegationCell} ${cell.committeeId === myCommittee ? classes.mine : ''}`} data-testid="positions-cell" data-code={committee.code}>
                    <Cell cell={cell} lang={lang} />
                    <RecordButton row={row} cell={cell} committee={committee} props={props} />
                  </td>
                );
              })}
              <td>
                <ConsensusBadge row={row} />
              </td>
              <td>
                <OutcomeCell row={row} />
                  <DeclareButton row={row} props={props} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}

function Cell({ cell, lang }: { cell: PositionCell; lang: string }) {
  const { t } = useTranslation();
  const p = cell.position;
  if (!p)
    return (
      <Text size="xs" c="dimmed" data-position="silent">
        <span aria-hidden="true">– </span>
        {t('deliberation.position.silent')}
      </Text>
    );
  // A position on a changed text no longer counts, except an objection, which stands until restated.
  const lapsed = p.standing === 'changed' && p.position !== 'objection';
  const note =
    p.standing === 'carried' ? 'carriedFrom' : p.standing === 'changed' ? (p.position === 'objection' ? 'objectionStands' : 'changedSince') : null;
  return (
    <Stack gap={2} data-position={p.position} data-superseded={p.superseded || undefined} data-standing={p.standing}>
      <PositionBadge position={p.position} superseded={lapsed} />
      {note ? (
        <Text size="xs" c={p.standing === 'changed' ? 'orange.8' : 'dimmed'} data-testid="position-standing">
          {t(`deliberation.positions.${note}`, { number: p.onVersion })}
        </Text>
      ) : null}
      {p.text ? (
        <Text size="xs" className={classes.cellText} lang={lang} data-testid="position-text">
          {p.text}
        </Text>
      ) : null}
      {p.change ? (
        <Text size="xs" className={classes.cellText} lang={lang} data-testid="position-change">
          <strong>{t('deliberation.positions.changeLabel')}</strong> {p.change}
        </Text>
      ) : null}
    </Stack>
  );
}

export function ConsensusBadge({ row }: { row: MatrixRow }) {
  const { t } = useTranslation();
  const c = row.consensus;
  const grade = c.grade ?? 'none';
  return (
    <Stack gap={4} data-testid="consensus" data-grade={grade}>
      <Badge tt="none" color={GRADE_COLOR[grade] ?? 'gray'} variant={c.grade ? 'filled' : 'outline'} radius="sm" leftSection={<span aria-hidden="true">{GRADE_ICON[grade] ?? '·'}</span>} styles={WRAPPING_BADGE}>
        {t(`deliberation.grade.${grade}`)}
      </Badge>
      <Text size="xs" c="dimmed" data-testid="consensus-counts" style={{ minWidth: '9rem' }}>
        {POSITIONS.map((p) => t(`deliberation.counts.${p}`, { count: c.counts[p] ?? 0 })).join(' · ')}
        {' · '}
        {t('deliberation.counts.silent', { count: c.silent.length })}
      </Text>
      {c.carried.length > 0 ? (
        <Text size="xs" c="dimmed" data-testid="consensus-carried">
          {t('deliberation.counts.carried', { count: c.carried.length })}
        </Text>
      ) : null}
      {c.stale.length > 0 ? (
        <Text size="xs" c="orange.8" data-testid="consensus-stale">
          {t('deliberation.counts.stale', { count: c.stale.length })}
        </Text>
      ) : null}
    </Stack>
  );
}

function OutcomeCell({ row }: { row: MatrixRow }) {
  const { t } = useTranslation();
  const o = row.outcome;
  if (!o)
    return (
      <Text size="xs" c="dimmed" data-testid="outcome" data-outcome="none">
        {t('deliberation.outcome.none')}
      </Text>
    );
  return (
    <Stack gap={2} data-testid="outcome" data-outcome={o.outcome}>
      <Badge tt="none" color={o.outcome === 'adopted' ? 'green' : o.outcome === 'dropped' ? 'gray' : 'blue'} variant="light" radius="sm" styles={WRAPPING_BADGE}>
        {t(`deliberation.outcome.${o.outcome}`)}
        {o.grade ? ` · ${t(`deliberation.grade.${o.grade}`)}` : ''}
      </Badge>
      {o.via === 'silence' ? (
        <Text size="xs" c="dimmed">
          {t('deliberation.outcome.viaSilence')}
        </Text>
      ) : null}
      {o.summary ? (
        <Text size="xs" className={classes.cellText}>
          {o.summary}
        </Text>
      ) : null}
    </Stack>
  );
}
