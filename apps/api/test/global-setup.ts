import type { TestProject } from 'vitest/node';
import { createMigratedTemplate, dropDatabase } from '@roster/db';

const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * Migrates one template database per run; every test file clones it (CREATE DATABASE …
 * TEMPLATE), which takes milliseconds and gives each file a database of its own.
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${process.pid}`;
  const template = `roster_test_tpl_${runId}`;
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
