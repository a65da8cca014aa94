import { z } from 'zod';

/**
 * S3: zod 4 probes `new Function` to decide whether to compile fast parsers, which the CSP (no
 * 'unsafe-eval') blocks and reports. Jitless mode never probes. Imported first by main.tsx.
 */
z.config({ jitless: true });
