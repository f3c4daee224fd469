import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe, useSession } from '../api/queries';
import { NotFoundView } from './NotFound';

let signedOutOnPurpose = false;

/** After "Sign out" the sign-in page should not send the person back where they were. */
export function markSignedOutOnPurpose(value = true) {
  signedOutOnPurpose = value;
}

/** Only a same-site path may be a redirect target after sign-in. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/sign-in') || next.startsWith('/link') || next.startsWith('/reset-password')) return '/';
  return next;
}

/** Signed-out visitors go to /sign-in, which brings them back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data } = useSession();
  const location = useLocation();
  if (!data?.user) {
    if (signedOutOnPurpose) return <Navigate to="/sign-in" replace state={{ signedOut: true }} />;
    const here = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`} replace />;
  }
  return children;
}

/** Administrators' pages do not exist for anyone else: the same not-found page as any wrong address. */
export function RequireAdmin() {
  const me = useMe();
  return me.isAdmin ? <Outlet /> : <NotFoundView />;
}
