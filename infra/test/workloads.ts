/** Reading Deployments, Jobs and their containers out of rendered manifests. */
import type { KubeObject } from './kubernetes.js';

export interface Probe {
  httpGet?: { path: string; port: number | string };
}
export interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    runAsNonRoot?: boolean;
    runAsUser?: number;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}
export interface PodSpec {
  containers: Container[];
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  volumes?: { name: string; emptyDir?: object }[];
}
export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpec;
}

export function find(objects: KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} named ${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`)}`);
  return found;
}

export function podTemplate(workload: KubeObject): PodTemplate {
  return (workload.spec as { template: PodTemplate }).template;
}

export function onlyContainer(workload: KubeObject): Container {
  const { containers } = podTemplate(workload).spec;
  if (containers.length !== 1) throw new Error(`${workload.metadata.name} has ${containers.length} containers`);
  return containers[0]!;
}

/** The port number a probe or Service names (a number, or the name of a container port). */
export function portNumber(container: Container, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((candidate) => candidate.name === port)?.containerPort;
}

/** Every variable the container gets from the manifests: env, and the keys of the ConfigMaps and Secrets it loads. */
export function environment(container: Container, objects: KubeObject[]): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
    const object = objects.find((candidate) => candidate.kind === kind && candidate.metadata.name === ref?.name);
    const data = { ...(object?.data as Record<string, string>), ...(object?.stringData as Record<string, string>) };
    for (const [key, value] of Object.entries(data)) {
      values.set(key, kind === 'Secret' && object?.data ? Buffer.from(value, 'base64').toString() : value);
    }
  }
  for (const variable of container.env ?? []) values.set(variable.name, variable.value ?? null);
  return values;
}
