import type { CommitteeRef } from '../../core/study-groups';
import classes from './CommitteeList.module.css';

/** 'CSCAP-Korea, CSCAP-China, …': each name kept whole when the line wraps. */
export function CommitteeList({ committees }: { committees: Pick<CommitteeRef, 'id' | 'name'>[] }) {
  return (
    <span lang="en">
      {committees.map((c, i) => (
        <span key={c.id}>
          <span className={classes.name}>{c.name}</span>
          {i < committees.length - 1 ? ', ' : ''}
        </span>
      ))}
    </span>
  );
}
