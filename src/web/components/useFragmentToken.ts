import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

function readToken(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return null;
  try {
    return decodeURIComponent(raw).trim() || null;
  } catch {
    return raw;
  }
}

/**
 * One-time links carry their token in the URL fragment, which browsers never send to a
 * server. Read it once, then take it out of the address bar (and the history).
 */
export function useFragmentToken(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => readToken(location.hash));
  useEffect(() => {
    if (location.hash) void navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: location.state });
  }, [location.hash, location.pathname, location.search, location.state, navigate]);
  return token;
}
