import { z } from 'zod';

// zod probes whether `new Function` works to speed up parsing; the page's CSP forbids eval, so
// the probe only trips a violation report. Parse without it. Imported first by main.tsx.
z.config({ jitless: true });
