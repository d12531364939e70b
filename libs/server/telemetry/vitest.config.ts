import { serverTestConfig } from '../../../tools/test/vitest.shared.ts';

export default serverTestConfig(import.meta.dirname);
