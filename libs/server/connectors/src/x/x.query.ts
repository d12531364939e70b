// The X query language lives in @streamscope/shared, which the simulator reads queries with too.
export { validateXQuery, SUPPORTED_OPERATORS } from '@streamscope/shared';
