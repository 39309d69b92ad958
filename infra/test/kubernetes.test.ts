import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDuration, QUEUE_NAMES } from '@roster/domain';
import { QueueKeys } from 'bullmq';
import { beforeAll, describe, expect, it } from 'vitest';
import { variablesOf } from './app-env.js';
import { APPS, DEFAULT_IS_RIGHT, K8S, MIGRATE, REPO } from './contract.js';
import {
  type KubeObject,
  kustomizationDirs,
  kustomizationReferences,
  missingReferences,
  render,
  validationProblems,
} from './kubernetes.js';
import { environment, find, onlyContainer, podTemplate, portNumber } from './workloads.js';

const BASE = join(K8S, 'base');
const OVERLAY = join(K8S, 'overlays/example');
const IMAGES = new Set(APPS.map((app) => app.image));

let base: KubeObject[];
let overlay: KubeObject[];

beforeAll(() => {
  base = render(BASE);
  overlay = render(OVERLAY);
});

const seconds = (text: string | null | undefined) => (parseDuration(text ?? '0s') ?? Number.NaN) / 1000;

describe('kustomizations', () => {
  it('are the base, the KEDA component and the example overlay', () => {
    expect(
      kustomizationDirs(K8S)
        .map((dir) => dir.slice(K8S.length))
        .sort(),
    ).toEqual(['base', 'components/keda-worker-autoscaling', 'overlays/example']);
  });

  it('name only files and folders that exist', () => {
    expect(kustomizationDirs(K8S).flatMap(missingReferences)).toEqual([]);
  });

  it('leave no manifest in their folder out', () => {
    for (const dir of kustomizationDirs(K8S)) {
      const named = new Set(kustomizationReferences(dir));
      const files = readdirSync(dir).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
      expect(
        files.filter((file) => !named.has(file)),
        dir,
      ).toEqual([]);
    }
  });

  it('keep the base free of namespaces and secrets; the overlay puts everything in one namespace', () => {
    expect(base.filter((object) => object.metadata.namespace !== undefined)).toEqual([]);
    expect(base.filter((object) => object.kind === 'Secret' || object.kind === 'Namespace')).toEqual([]);
    expect(find(overlay, 'Namespace', 'roster')).toBeTruthy();
    const namespaced = overlay.filter((object) => object.kind !== 'Namespace');
    expect(new Set(namespaced.map((object) => object.metadata.namespace))).toEqual(new Set(['roster']));
  });

  it('ship only placeholder secrets', () => {
    for (const secret of overlay.filter((object) => object.kind === 'Secret')) {
      const values = Object.values(secret.stringData as Record<string, string>);
      expect(secret.data, 'placeholders belong in stringData, readable').toBeUndefined();
      expect(values.some((value) => value.includes('CHANGE-ME'))).toBe(true);
    }
  });
});

describe('schemas', () => {
  it('use only stable apiVersions that Kubernetes 1.25+ and KEDA 2.12+ serve', () => {
    // kubernetes-models also knows removed versions (autoscaling/v2beta2, policy/v1beta1): a cluster would refuse them.
    const served = ['v1', 'apps/v1', 'batch/v1', 'autoscaling/v2', 'policy/v1', 'keda.sh/v1alpha1'];
    expect(overlay.filter((object) => !served.includes(object.apiVersion))).toEqual([]);
  });

  it('accept every object of the base and of the overlay (fields, types, required fields, apiVersions)', async () => {
    expect((await validationProblems([...base, ...overlay])).flat()).toEqual([]);
  });

  it('reject a broken manifest: wrong apiVersion, a misspelt field, a missing field, a wrong type', async () => {
    const api = find(overlay, 'Deployment', 'roster-api');
    const scaled = find(overlay, 'ScaledObject', 'roster-worker');
    const broken = (object: KubeObject, change: (copy: any) => void): KubeObject => {
      const copy = structuredClone(object);
      change(copy);
      return copy;
    };
    const cases: [KubeObject, RegExp][] = [
      [broken(api, (d) => (d.apiVersion = 'apps/v1beta3')), /no Deployment in apps\/v1beta3/],
      [broken(api, (d) => (d.kind = 'Deploymnet')), /no Deploymnet in apps\/v1/],
      [
        broken(api, (d) => {
          const container = d.spec.template.spec.containers[0];
          container.readinesProbe = container.readinessProbe;
          delete container.readinessProbe;
        }),
        /'"readinesProbe"' does not exist in type 'IContainer'/,
      ],
      [
        broken(api, (d) => (d.spec.template.spec.containers[0].resources.limts = { cpu: '1' })),
        /'"limts"' does not exist/,
      ],
      [broken(api, (d) => delete d.spec.selector), /must have required property selector/],
      [
        broken(api, (d) => (d.spec.template.spec.terminationGracePeriodSeconds = 'thirty')),
        /terminationGracePeriodSeconds must be integer/,
      ],
      [broken(scaled, (s) => (s.spec.triggers[0].metdata = {})), /'"metdata"' does not exist/],
      [broken(scaled, (s) => delete s.spec.scaleTargetRef), /required property scaleTargetRef/],
    ];
    const problems = await validationProblems([api, scaled, ...cases.map(([object]) => object)]);
    expect(problems.slice(0, 2)).toEqual([[], []]);
    cases.forEach(([, expected], index) => expect(problems[index + 2]!.join('\n')).toMatch(expected));
  });
});

describe.each(APPS)('the $name Deployment', (app) => {
  const deployment = () => find(overlay, 'Deployment', app.deployment);
  const container = () => onlyContainer(deployment());

  it('runs the image built from the Dockerfile target, from the registry the overlay names', () => {
    expect(onlyContainer(find(base, 'Deployment', app.deployment)).image).toBe(app.image);
    expect(container().image).toMatch(new RegExp(`^registry\\.example\\.com/roster/${app.name}:`));
  });

  it('listens where the contract says and probes the contract paths', () => {
    const c = container();
    expect(c.env?.find((v) => v.name.endsWith('_PORT') && v.name !== 'METRICS_PORT')?.value).toBe(String(app.port));
    expect(c.env?.find((v) => v.name.endsWith('_HOST'))?.value).toBe('0.0.0.0');
    for (const [probe, path] of [
      [c.startupProbe, app.live],
      [c.livenessProbe, app.live],
      [c.readinessProbe, app.ready],
    ] as const) {
      expect(probe?.httpGet?.path).toBe(path);
      expect(portNumber(c, probe!.httpGet!.port)).toBe(app.port);
    }
  });

  it('is scraped for metrics where the app serves them', () => {
    const annotations = podTemplate(deployment()).metadata?.annotations ?? {};
    if (app.metrics === null) {
      expect(annotations['prometheus.io/scrape']).toBeUndefined();
      return;
    }
    expect(annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(app.metrics.port),
      'prometheus.io/path': app.metrics.path,
    });
    expect(container().ports?.map((port) => port.containerPort)).toContain(app.metrics.port);
    if (app.name === 'api') expect(environment(container(), overlay).get('METRICS_PORT')).toBe('9464');
  });

  it('has a Service that selects its pods and targets its ports', () => {
    const service = find(overlay, 'Service', app.deployment);
    const { selector, ports } = service.spec as {
      selector: Record<string, string>;
      ports: { port: number; targetPort: string }[];
    };
    expect(podTemplate(deployment()).metadata?.labels).toMatchObject(selector);
    for (const port of ports) expect(portNumber(container(), port.targetPort)).toBe(port.port);
  });

  it('runs as a non-root user, without privileges, on a read-only root filesystem with a writable /tmp', () => {
    const pod = podTemplate(deployment()).spec;
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    expect(pod.securityContext?.runAsUser).toBe(1000);
    const c = container();
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(c.securityContext?.capabilities?.drop).toEqual(['ALL']);
    const tmp = c.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
    expect(pod.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir).toBeDefined();
  });

  it('requests and limits CPU and memory', () => {
    const { resources } = container();
    for (const kind of ['requests', 'limits'] as const) {
      expect(Object.keys(resources?.[kind] ?? {}).sort(), kind).toEqual(['cpu', 'memory']);
    }
  });

  it('gives the process its whole shutdown before the kubelet kills it', () => {
    const env = environment(container(), overlay);
    const shutdown =
      app.name === 'admin' ? 5 : seconds(env.get('SHUTDOWN_DELAY')) + seconds(env.get('SHUTDOWN_TIMEOUT'));
    expect(shutdown).toBeGreaterThan(0);
    expect(podTemplate(deployment()).spec.terminationGracePeriodSeconds).toBeGreaterThan(shutdown);
    if (app.name === 'api') expect(env.get('SHUTDOWN_DELAY')).toBe('5s');
  });

  it('sets every variable the app needs and every one it reads that has no right default here', () => {
    const c = container();
    for (const source of c.envFrom ?? []) {
      const ref = source.configMapRef ?? source.secretRef;
      const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
      expect(() => find(overlay, kind, ref!.name)).not.toThrow();
    }
    const set = environment(c, overlay);
    const needed = new Set([...app.required, ...variablesOf(app)]);
    const missing = [...needed].filter(
      (name) => !set.has(name) && (app.required.includes(name) || !DEFAULT_IS_RIGHT[name]),
    );
    expect(missing).toEqual([]);
    expect(set.get('NODE_ENV')).toBe('production');
  });
});

describe('images', () => {
  it('are only the three built from infra/docker/Dockerfile', () => {
    const images = base
      .filter((object) => object.kind === 'Deployment' || object.kind === 'Job')
      .map((workload) => onlyContainer(workload).image);
    expect(new Set(images)).toEqual(IMAGES);
  });
});

describe('the migration Job', () => {
  const job = () => find(overlay, 'Job', 'roster-migrate');

  it("runs packages/db's migrate command from the API image, once, without restarting in place", () => {
    const c = onlyContainer(job());
    expect(c.image).toBe(onlyContainer(find(overlay, 'Deployment', 'roster-api')).image);
    expect(c.command).toEqual(MIGRATE.command);
    expect(podTemplate(job()).spec.restartPolicy).toBe('Never');
    // The command's path exists in the API image because the API depends on @roster/db and deploys it.
    const db = JSON.parse(readFileSync(join(REPO, 'packages/db/package.json'), 'utf8'));
    const api = JSON.parse(readFileSync(join(REPO, 'apps/api/package.json'), 'utf8'));
    expect(db.scripts.migrate).toBe('node dist/cli.js migrate');
    expect(api.dependencies['@roster/db']).toBe('workspace:*');
  });

  it('gets the database it migrates', () => {
    const env = environment(onlyContainer(job()), overlay);
    for (const name of new Set([...MIGRATE.required, ...variablesOf(MIGRATE)])) {
      expect(env.has(name), name).toBe(true);
    }
  });

  it('is applied first, with only what it needs (the rollout order of docs/deploy.md)', () => {
    const docs = readFileSync(join(REPO, 'docs/deploy.md'), 'utf8');
    expect(docs).toContain('kubectl apply -k $OVERLAY -l roster/before-rollout=true');
    expect(docs).toContain('kubectl -n roster wait --for=condition=complete job/roster-migrate');
    const first = overlay.filter((object) => object.metadata.labels?.['roster/before-rollout'] === 'true');
    expect(first.map((object) => `${object.kind}/${object.metadata.name}`).sort()).toEqual([
      `ConfigMap/${find(overlay, 'ConfigMap', onlyContainer(job()).envFrom![0]!.configMapRef!.name).metadata.name}`,
      'Job/roster-migrate',
      'Namespace/roster',
      'Secret/roster-secrets',
    ]);
  });
});

describe('scaling', () => {
  it('scales the API on CPU with an autoscaling/v2 HorizontalPodAutoscaler that owns its replicas', () => {
    const hpa = find(overlay, 'HorizontalPodAutoscaler', 'roster-api');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    const spec = hpa.spec as any;
    expect(spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'roster-api' });
    expect(spec.metrics).toContainEqual(
      expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) }),
    );
    expect(spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect((find(overlay, 'Deployment', 'roster-api').spec as any).replicas).toBeUndefined();
  });

  it('keeps API pods through voluntary disruptions', () => {
    const pdb = find(overlay, 'PodDisruptionBudget', 'roster-api');
    const spec = pdb.spec as any;
    expect(podTemplate(find(overlay, 'Deployment', 'roster-api')).metadata?.labels).toMatchObject(
      spec.selector.matchLabels,
    );
    expect(spec.minAvailable).toBeLessThan(
      (find(overlay, 'HorizontalPodAutoscaler', 'roster-api').spec as any).minReplicas,
    );
  });

  it("scales workers on the depth of every queue's BullMQ wait list, under the configured prefix", () => {
    const scaled = find(overlay, 'ScaledObject', 'roster-worker').spec as any;
    expect(scaled.scaleTargetRef.name).toBe('roster-worker');
    expect(scaled.minReplicaCount).toBeGreaterThanOrEqual(1);
    const prefix = environment(onlyContainer(find(overlay, 'Deployment', 'roster-worker')), overlay).get(
      'ROSTER_QUEUE_PREFIX',
    )!;
    const lists = QUEUE_NAMES.map((queue) => new QueueKeys(prefix).getKeys(queue).wait);
    expect(scaled.triggers.map((trigger: any) => trigger.metadata.listName).sort()).toEqual(lists.sort());
    for (const trigger of scaled.triggers) {
      expect(trigger.type).toBe('redis');
      const auth = find(overlay, 'TriggerAuthentication', trigger.authenticationRef.name).spec as any;
      for (const ref of auth.secretTargetRef) {
        expect(Object.keys(find(overlay, 'Secret', ref.name).stringData as object)).toContain(ref.key);
      }
    }
    // KEDA owns the worker's replica count once the component is in.
    expect((find(overlay, 'Deployment', 'roster-worker').spec as any).replicas).toBeUndefined();
    expect((find(base, 'Deployment', 'roster-worker').spec as any).replicas).toBe(1);
  });
});
