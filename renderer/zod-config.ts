import { z } from 'zod';

/**
 * S3: zod 4 probes `new Function` to decide whether to compile fast parsers, which the renderer's
 * CSP (no 'unsafe-eval') blocks and reports as a violation. Jitless mode never probes. Imported
 * first by every renderer entry, before any schema parses.
 */
z.config({ jitless: true });
