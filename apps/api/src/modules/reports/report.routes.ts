import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../composition';
import { callerOf } from '../../plugins/principal';
import { createQuizService } from './quiz.service';
import {
  answerBody,
  answerResponse,
  dailyLimitResponse,
  kidIdParams,
  kidReportSchema,
  parentIdParams,
  screenTimeEndBody,
  screenTimeEndResponse,
  screenTimeStartBody,
  screenTimeStartResponse,
  weeklyQuery,
  weeklyReportSchema,
} from './report.schemas';
import { createReportService } from './report.service';
import { createScreenTimeService } from './screen-time.service';

const session = { access: 'session' as const };
const tags = ['reports'];

/** REPORT-01..06 (api.md §10): every route is owner-checked (fix 26). */
export const reportRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { core }) => {
  const reports = createReportService(core);
  const screenTime = createScreenTimeService(core);
  const quiz = createQuizService(core);

  app.get(
    '/reports/weekly/:parentId',
    {
      config: session,
      schema: {
        tags,
        params: parentIdParams,
        querystring: weeklyQuery,
        response: { 200: weeklyReportSchema },
      },
    },
    async (request) => reports.weekly(callerOf(request), request.params.parentId, request.query.weekStart),
  );

  app.get(
    '/reports/kid/:kidId',
    { config: session, schema: { tags, params: kidIdParams, response: { 200: kidReportSchema } } },
    async (request) => reports.kid(callerOf(request), request.params.kidId),
  );

  app.post(
    '/reports/screen-time/start',
    {
      config: session,
      schema: { tags, body: screenTimeStartBody, response: { 201: screenTimeStartResponse } },
    },
    async (request, reply) => {
      const result = await screenTime.start(callerOf(request), request.body.kidId);
      reply.code(201);
      return result;
    },
  );

  app.post(
    '/reports/screen-time/end',
    { config: session, schema: { tags, body: screenTimeEndBody, response: { 201: screenTimeEndResponse } } },
    async (request, reply) => {
      const result = await screenTime.end(callerOf(request), request.body.sessionId);
      reply.code(201);
      return result;
    },
  );

  app.get(
    '/reports/daily-limit/:kidId',
    { config: session, schema: { tags, params: kidIdParams, response: { 200: dailyLimitResponse } } },
    async (request) => screenTime.dailyLimit(callerOf(request), request.params.kidId),
  );

  app.post(
    '/reports/answer',
    { config: session, schema: { tags, body: answerBody, response: { 201: answerResponse } } },
    async (request, reply) => {
      const result = await quiz.answer(callerOf(request), request.body);
      reply.code(201);
      return result;
    },
  );
};
