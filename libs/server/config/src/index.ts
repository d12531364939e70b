export { envSchema, SECRET_KEYS, type Env } from './schema';
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
