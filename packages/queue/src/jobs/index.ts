export { holdChannel, isFinalStatus, type JobEvent, publishJobEvent, waitForJob } from './events';
