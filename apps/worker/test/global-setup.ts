import { createMigratedTemplate, dropDatabase } from '@roster/db';
import type { TestProject } from 'vitest/node';

const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * Migrates one template database per run (through @roster/db, as the API does at start);
 * every test file clones it with CREATE DATABASE … TEMPLATE and drops its clone after.
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${process.pid}`;
  const template = `roster_worker_tpl_${runId}`;
  const templateUrl = `${SERVER}/${template}`;
  await createMigratedTemplate(templateUrl);
  project.provide('testDatabase', { server: SERVER, template, runId });
  return async () => {
    await dropDatabase(templateUrl);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { server: string; template: string; runId: string };
  }
}
