export {
  EMAIL_TEMPLATES,
  type EmailData,
  type EmailJobParams,
  type EmailTemplateName,
  emailIntent,
  emailJobParamsSchema,
  SUPPORT_RECIPIENT,
} from './contracts';
export { escapeHtml } from './html';
export type { RenderedEmail } from './layout';
export { ONE_TIME_CODE_FIELDS, withoutCodes } from './redact';
export { InvalidEmailDataError, renderEmail } from './render';
