export { isFinalStatus, type JobEvent, publishJobEvent, waitForJob } from './events';
