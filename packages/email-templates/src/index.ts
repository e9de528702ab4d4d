export {
  EMAIL_TEMPLATES,
  type EmailData,
  type EmailJobParams,
  type EmailTemplateName,
  emailIntent,
  emailJobParamsSchema,
  SUPPORT_RECIPIENT,
} from './contracts';
