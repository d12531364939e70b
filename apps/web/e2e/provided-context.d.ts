// Values the end-to-end global setup (tools/test/e2e-global-setup.ts) hands to the specs.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    e2eAdminToken: string;
  }
}
