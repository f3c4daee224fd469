import './zod-config';
import '@mantine/core/styles.css';
import './styles/global.css';
import './i18n';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { createQueryClient } from './api/queries';
import { createAppRouter } from './routes';
import { theme } from './theme';

/**
 * The server puts a fresh nonce into this meta tag on every page load; Mantine's <style>
 * tags carry it, since the Content-Security-Policy allows no other inline styles.
 */
function readStyleNonce(): string {
  const value = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
  return value === '__CSP_NONCE__' ? '' : value;
}

const nonce = readStyleNonce();
// Modals and drawers lock page scroll with react-remove-scroll, whose <style> tag takes its
// nonce from this global (the get-nonce convention); without it the CSP blocks that style.
(globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = nonce || undefined;
const queryClient = createQueryClient();
const router = createAppRouter();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} forceColorScheme="light" getStyleNonce={() => nonce}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
