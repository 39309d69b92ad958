/**
 * Rendering and validating the Kubernetes manifests: kustomize (built into kubectl) renders a
 * kustomization; kubernetes-models (and @kubernetes-models/keda for KEDA's resources) checks each object
 * against the API schema of its apiVersion and kind; and TypeScript, reading the same library's types,
 * rejects fields the API does not have, which the schemas alone let through.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { INFRA } from './contract.js';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** Parses multi-document YAML; a syntax error throws. */
export function parseYamlObjects(text: string, source: string): KubeObject[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${source}: ${document.errors.map((e) => e.message).join('; ')}`);
    const value = document.toJS() as KubeObject | null;
    return value === null ? [] : [value];
  });
}

/** `kubectl kustomize <dir>`: the objects the kustomization produces. */
export function render(dir: string): KubeObject[] {
  let output: string;
  try {
    output = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { code, stderr } = error as { code?: string; stderr?: string };
    if (code === 'ENOENT') {
      throw new Error(
        'kubectl is not installed: its built-in kustomize renders the manifests. Install kubectl 1.27 or newer ' +
          '(https://kubernetes.io/docs/tasks/tools/; Debian 12 ships only 1.20, whose kustomize is too old).',
        { cause: error },
      );
    }
    throw new Error(`kubectl kustomize ${dir} failed: ${stderr ?? String(error)}`, { cause: error });
  }
  return parseYamlObjects(output, dir);
}

/** The files and folders a kustomization.yaml names (resources, components, patches, generators). */
export function kustomizationReferences(dir: string): string[] {
  const [kustomization] = parseYamlObjects(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'), dir) as unknown as [
    Record<string, unknown>,
  ];
  const list = (key: string) => (kustomization[key] as unknown[] | undefined) ?? [];
  const generatorFiles = [...list('configMapGenerator'), ...list('secretGenerator')].flatMap((generator) => {
    const { files = [], envs = [] } = generator as { files?: string[]; envs?: string[] };
    return [...files.map((file) => file.split('=').at(-1)!), ...envs];
  });
  const patchFiles = list('patches').flatMap((patch) => {
    const { path } = patch as { path?: string };
    return path ? [path] : [];
  });
  return [...(list('resources') as string[]), ...(list('components') as string[]), ...patchFiles, ...generatorFiles];
}

export function missingReferences(dir: string): string[] {
  return kustomizationReferences(dir)
    .filter((reference) => !existsSync(join(dir, reference)))
    .map((reference) => `${join(dir, reference)} (named in ${dir}/kustomization.yaml)`);
}

/** Where the model of an apiVersion/kind lives: kubernetes-models for Kubernetes, its keda package for KEDA. */
function modelModule(apiVersion: string, kind: string): string {
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) || !/^[A-Z][A-Za-z]+$/.test(kind)) {
    throw new Error(`"${apiVersion}" / "${kind}" is not an apiVersion and kind`);
  }
  if (apiVersion.startsWith('keda.sh/')) return `@kubernetes-models/keda/${apiVersion}/${kind}`;
  return `kubernetes-models/${apiVersion}/${kind}`;
}

interface Model {
  apiVersion: string;
  kind: string;
  new (data: unknown): { validate(): void };
}

/** Validates one object against its API schema. `known`: whether its apiVersion and kind exist at all. */
export async function schemaProblems(object: KubeObject): Promise<{ known: boolean; problems: string[] }> {
  const name = `${object.kind}/${object.metadata?.name}`;
  let model: Model | undefined;
  try {
    const module = (await import(modelModule(object.apiVersion, object.kind))) as Record<string, Model>;
    model = module[object.kind];
  } catch {
    // Reported below: no such model.
  }
  if (!model) return { known: false, problems: [`${name}: the API has no ${object.kind} in ${object.apiVersion}`] };
  try {
    new model(object).validate();
    return { known: true, problems: [] };
  } catch (error) {
    return { known: true, problems: [`${name} (${object.apiVersion}): ${(error as Error).message}`] };
  }
}

/**
 * Fields the API does not know (a typo such as `readinesProbe` or `limts`): each object becomes a typed
 * literal in one in-memory TypeScript program, whose excess-property checks report every unknown key.
 * Returns the problems of each object, in order.
 */
export function unknownFieldProblems(objects: KubeObject[]): string[][] {
  const file = join(INFRA, 'test', '__manifests__.ts');
  const lines: string[] = [];
  const starts: number[] = [];
  objects.forEach((object, index) => {
    lines.push(`import type { I${object.kind} as T${index} } from '${modelModule(object.apiVersion, object.kind)}';`);
  });
  objects.forEach((object, index) => {
    starts.push(lines.length);
    lines.push(...`export const m${index}: T${index} = ${JSON.stringify(object, null, 2)};`.split('\n'));
  });
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (path) => path === file || fileExists(path);
  host.readFile = (path) => (path === file ? source : readFile(path));
  host.getSourceFile = (path, language, ...rest) =>
    path === file ? ts.createSourceFile(path, source, language) : getSourceFile(path, language, ...rest);
  const problems: string[][] = objects.map(() => []);
  for (const diagnostic of ts.getPreEmitDiagnostics(ts.createProgram([file], options, host))) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (diagnostic.file?.fileName !== file || diagnostic.start === undefined) throw new Error(message);
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const index = starts.findLastIndex((start) => start <= line);
    if (index < 0) throw new Error(`line ${line + 1}: ${message}`);
    const object = objects[index]!;
    problems[index]!.push(`${object.kind}/${object.metadata?.name}: ${message} (line ${line - starts[index]! + 1})`);
  }
  return problems;
}

/** The problems of each object (schema, then unknown fields), in order: an empty list for a valid one. */
export async function validationProblems(objects: KubeObject[]): Promise<string[][]> {
  const results = await Promise.all(objects.map(schemaProblems));
  // Objects without a model are reported already; TypeScript would only repeat it as a missing module.
  const known = objects.flatMap((object, index) => (results[index]!.known ? [{ object, index }] : []));
  const fields = unknownFieldProblems(known.map(({ object }) => object));
  const problems = results.map((result) => [...result.problems]);
  known.forEach(({ index }, position) => problems[index]!.push(...fields[position]!));
  return problems;
}

export function kustomizationDirs(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (existsSync(join(dir, 'kustomization.yaml'))) found.push(dir);
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) walk(join(dir, entry.name));
  };
  walk(root);
  return found;
}
