/**
 * The page's style nonce, read from the meta tag the server fills on every page load (as
 * main.tsx does for Mantine): the editor's own <style> tag must carry it, since the
 * Content-Security-Policy allows no other inline styles.
 */
export function styleNonce(): string | undefined {
  const value = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
  return value && value !== '__CSP_NONCE__' ? value : undefined;
}
