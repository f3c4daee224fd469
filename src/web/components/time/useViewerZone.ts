import { useState } from 'react';
import { isTimeZone } from '../../../core/time';
import { useSession } from '../../api/queries';

/** The browser's own zone (what the device's clock says), UTC when it cannot tell. */
export function browserZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && isTimeZone(zone) ? zone : 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * The zone the viewer reads times in: the one in their profile (Account), else the browser's.
 * A participant travelling to a meeting keeps reading their home zone until they change it.
 */
export function useViewerZone(): string {
  const profileZone = useSession().data?.user?.timeZone;
  return profileZone && isTimeZone(profileZone) ? profileZone : browserZone();
}

/** The moment the component first showed: for offsets "now" without re-reading the clock on every render. */
export function useNow(): number {
  const [now] = useState(() => Date.now());
  return now;
}
