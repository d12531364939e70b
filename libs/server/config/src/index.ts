export { envSchema, SECRET_KEYS, xTrackedQuerySeedSchema, type Env, type XTrackedQuerySeed } from './schema';
export {
  parseConfig,
  loadConfig,
  loadConfigOrExit,
  describeConfig,
  redactUrl,
  secretValues,
  ConfigError,
  type AppConfig,
  type SourceMode,
} from './config';
