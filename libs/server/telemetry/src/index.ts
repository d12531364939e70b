export { createLogger, scrubSecrets, type Logger, type LoggerSettings } from './logger';
