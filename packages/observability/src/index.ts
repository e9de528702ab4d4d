export { currentWorkContext, runWithWorkContext, type WorkContext, workContext } from './context';
export { installLifecycleHandlers, type LifecycleOptions, withTimeout } from './lifecycle';
export { createLogger, type Logger, type LoggerSettings, REDACT_PATHS } from './logger';
export {
  counter,
  DURATION_BUCKETS,
  gauge,
  histogram,
  registry,
  renderMetrics,
  startDefaultMetrics,
} from './metrics';
export { startMetricsServer } from './metrics-server';
export {
  currentTraceparent,
  nameActiveSpan,
  startTracing,
  type TracingHandle,
  type TracingOptions,
  traceLogFields,
  tracesUrl,
  withTraceparent,
} from './tracing';
